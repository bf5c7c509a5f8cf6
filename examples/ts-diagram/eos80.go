package main

// The UNESCO 1983 (EOS-80) formulas the T-S diagram needs: the adiabatic
// lapse rate, potential temperature and the density of seawater at the
// surface, from Fofonoff and Millard, "Algorithms for computation of
// fundamental properties of seawater", Unesco technical papers in marine
// science 44 (1983). They work in IPTS-68 temperatures; Argo temperatures
// are ITS-90, converted with T68 = 1.00024 T90 as the CSIRO seawater
// library does. eos80_test.go checks the paper's check values.
//
// TEOS-10 (conservative temperature, absolute salinity) is the current
// standard; EOS-80 potential density differs from it by a few hundredths
// of kg/m³, which does not move an isopleth visibly on a T-S diagram.

import "math"

// t68 converts an ITS-90 temperature to IPTS-68.
func t68(t90 float64) float64 { return t90 * 1.00024 }

// adiabaticGradient68 is the adiabatic temperature gradient in °C/dbar
// (UNESCO 1983 eq. 31, Bryden 1973) for salinity s (PSS-78), temperature
// t (°C, IPTS-68) and pressure p (dbar).
func adiabaticGradient68(s, t, p float64) float64 {
	ds := s - 35
	return (((-2.1687e-16*t+1.8676e-14)*t-4.6206e-13)*p+
		((2.7759e-12*t-1.1351e-10)*ds+((-5.4481e-14*t+8.733e-12)*t-6.7795e-10)*t+1.8741e-8))*p +
		(-4.2393e-8*t+1.8932e-6)*ds +
		((6.6228e-10*t-6.836e-8)*t+8.5258e-6)*t + 3.5803e-5
}

// potentialTemperature68 is the temperature (°C, IPTS-68) a parcel at
// pressure p (dbar) with temperature t (°C, IPTS-68) and salinity s would
// have if brought adiabatically to the reference pressure pr: the
// fourth-order Runge-Kutta integration of UNESCO 1983 (Fofonoff 1977).
func potentialTemperature68(s, t, p, pr float64) float64 {
	h := pr - p
	xk := h * adiabaticGradient68(s, t, p)
	t += 0.5 * xk
	q := xk
	p += 0.5 * h
	xk = h * adiabaticGradient68(s, t, p)
	t += 0.29289322 * (xk - q)
	q = 0.58578644*xk + 0.121320344*q
	xk = h * adiabaticGradient68(s, t, p)
	t += 1.707106781 * (xk - q)
	q = 3.414213562*xk - 4.121320344*q
	p += 0.5 * h
	xk = h * adiabaticGradient68(s, t, p)
	return t + (xk-2*q)/6
}

// theta returns the potential temperature (°C, ITS-90) referred to the
// surface of water at pressure p (dbar) with in-situ temperature t90 (°C,
// ITS-90) and practical salinity s.
func theta(s, t90, p float64) float64 {
	return potentialTemperature68(s, t68(t90), p, 0) / 1.00024
}

// density68 is the density of seawater at the surface, in kg/m³, for
// salinity s and temperature t (°C, IPTS-68): the one-atmosphere
// international equation of state (UNESCO 1983 eq. 13 and 14, Millero and
// Poisson 1981).
func density68(s, t float64) float64 {
	// Standard mean ocean water.
	rw := 999.842594 + (6.793952e-2+(-9.095290e-3+(1.001685e-4+(-1.120083e-6+6.536332e-9*t)*t)*t)*t)*t
	a := 8.24493e-1 + (-4.0899e-3+(7.6438e-5+(-8.2467e-7+5.3875e-9*t)*t)*t)*t
	b := -5.72466e-3 + (1.0227e-4-1.6546e-6*t)*t
	const c = 4.8314e-4
	return rw + a*s + b*s*sqrtPos(s) + c*s*s
}

// sigma0 is the potential density anomaly (kg/m³ minus 1000) of water of
// salinity s and potential temperature th (°C, ITS-90, referred to the
// surface).
func sigma0(s, th float64) float64 {
	return density68(s, t68(th)) - 1000
}

// sqrtPos is the square root of a non-negative number (0 for a negative
// salinity, which the caller never passes on purpose).
func sqrtPos(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return math.Sqrt(x)
}
