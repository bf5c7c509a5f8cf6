package main

import (
	"math"
	"testing"
)

// The check values printed in Unesco technical paper 44 (1983).
func TestEOS80CheckValues(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64
	}{
		// ATG = 3.255976e-4 °C/dbar for S=40, T=40 °C (IPTS-68), P=10000 dbar.
		{"adiabatic gradient", adiabaticGradient68(40, 40, 10000), 3.255976e-4, 5e-11},
		// THETA = 36.89073 °C for S=40, T0=40 °C, P0=10000 dbar, PR=0.
		{"potential temperature", potentialTemperature68(40, 40, 10000, 0), 36.89073, 5e-6},
		// Density at one atmosphere (table p. 22): S=0 and 35, T68=0 and 30.
		{"density S0 T0", density68(0, 0), 999.842594, 5e-7},
		{"density S0 T30", density68(0, 30), 995.651134, 5e-7},
		{"density S35 T0", density68(35, 0), 1028.106331, 5e-7},
		{"density S35 T30", density68(35, 30), 1021.728639, 5e-7},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.9g, want %.9g", c.name, c.got, c.want)
		}
	}
	// ITS-90 wrappers: theta at the surface is the temperature itself, and
	// sigma0 of S=35, 0 °C ITS-90 is within 1e-4 of the IPTS-68 value.
	if got := theta(35, 10, 0); math.Abs(got-10) > 1e-12 {
		t.Errorf("theta at 0 dbar = %v, want 10", got)
	}
	if got := sigma0(35, 0); math.Abs(got-28.106331) > 1e-4 {
		t.Errorf("sigma0(35, 0) = %v", got)
	}
}
