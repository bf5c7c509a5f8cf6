package argo

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// WriteCSV writes points as CSV: one header line, then one row per point
// with the columns platform_number, cycle_number, direction, data_mode,
// time (RFC 3339, UTC), latitude, longitude, position_qc, pres, pres_qc,
// pres_error, and for every parameter met in the points (in order of first
// appearance) <name>, <name>_qc, <name>_error, <name>_data_mode. Missing
// numbers are empty fields.
func WriteCSV(w io.Writer, points []Point) error {
	var names []string
	seen := map[string]bool{}
	for _, pt := range points {
		for _, m := range pt.Values {
			if !seen[m.Name] {
				seen[m.Name] = true
				names = append(names, m.Name)
			}
		}
	}
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	header := []string{"platform_number", "cycle_number", "direction", "data_mode", "time", "latitude", "longitude", "position_qc", "pres", "pres_qc", "pres_error"}
	for _, n := range names {
		header = append(header, n, n+"_qc", n+"_error", n+"_data_mode")
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("argo: write csv: %w", err)
	}
	row := make([]string, len(header))
	col := make(map[string]int, len(names))
	for i, n := range names {
		col[n] = 11 + 4*i
	}
	for _, pt := range points {
		row[0] = pt.Platform
		row[1] = strconv.Itoa(pt.Cycle)
		row[2] = pt.Direction.String()
		row[3] = pt.DataMode.String()
		row[4] = ""
		if !pt.Time.IsZero() {
			row[4] = pt.Time.UTC().Format(time.RFC3339Nano)
		}
		row[5], row[6] = num(pt.Lat), num(pt.Lon)
		row[7] = pt.PositionQC.String()
		row[8], row[9], row[10] = num(pt.Pres), pt.PresQC.String(), num(pt.PresError)
		for k := 11; k < len(row); k++ {
			row[k] = ""
		}
		for _, m := range pt.Values {
			c := col[m.Name]
			row[c], row[c+1], row[c+2], row[c+3] = num(m.Value), m.QC.String(), num(m.Error), m.Mode.String()
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("argo: write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("argo: write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("argo: write csv: %w", err)
	}
	return nil
}

// num formats a value in the fewest digits that read back exactly; values
// that came from float32 variables (most Argo data) are formatted as
// float32, so 9.9 is written "9.9" and not "9.899999618530273".
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	if float64(float32(v)) == v {
		return strconv.FormatFloat(v, 'g', -1, 32)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// WriteNetCDF writes profiles as a CF-1.8 discrete sampling geometry file
// (featureType "profile", contiguous ragged array: dimensions profile and
// obs, row_size counting each profile's levels) in NetCDF-4 format, which
// xarray and netCDF4-python open directly. Values are the best values of
// each parameter ([Param.Best]); flags are written as chars with CF
// flag_values, errors as <name>_error. Parameters are the union over the
// profiles (NaN where a profile lacks one); spectra are left out. It needs
// libnetcdf (nc.ErrNoNetCDF otherwise).
func WriteNetCDF(path string, profiles []*Profile) error {
	var names []string
	seen := map[string]bool{}
	units := map[string]string{}
	nobs := 0
	for _, p := range profiles {
		nobs += p.Levels()
		for _, q := range p.Params {
			if q.NValues > 1 || seen[q.Name] {
				continue
			}
			seen[q.Name] = true
			names = append(names, q.Name)
			units[q.Name] = q.Units
		}
	}
	if i := slices.Index(names, "PRES"); i > 0 {
		names = append([]string{"PRES"}, slices.Delete(names, i, i+1)...)
	}
	w, err := nc.Create(path, nc.NetCDF4)
	if err != nil {
		return fmt.Errorf("argo: write %s: %w", path, err)
	}
	err = writeDSG(w, profiles, names, units, nobs)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("argo: write %s: %w", path, err)
	}
	return nil
}

func text(name, value string) nc.Attr { return nc.Attr{Name: name, Type: nc.Char, Value: value} }

func writeDSG(w *nc.Writer, profiles []*Profile, names []string, units map[string]string, nobs int) error {
	np := len(profiles)
	const idLen, platLen = 32, 8
	steps := []func() error{
		func() error { return w.AddDim("profile", np) },
		func() error { return w.AddDim("obs", nobs) },
		func() error { return w.AddDim("id_strlen", idLen) },
		func() error { return w.AddDim("platform_strlen", platLen) },
		func() error {
			return w.AddVar("profile_id", nc.Char, []string{"profile", "id_strlen"}, text("cf_role", "profile_id"), text("long_name", "platform_cycle[D]"))
		},
		func() error {
			return w.AddVar("platform_number", nc.Char, []string{"profile", "platform_strlen"}, text("long_name", "Float unique identifier (WMO)"))
		},
		func() error {
			return w.AddVar("cycle_number", nc.Int, []string{"profile"}, text("long_name", "Float cycle number"), nc.Attr{Name: "_FillValue", Type: nc.Int, Value: []int32{99999}})
		},
		func() error {
			return w.AddVar("direction", nc.Char, []string{"profile"}, text("long_name", "Direction of the station profiles"), text("flag_values", "A D"), text("flag_meanings", "ascending descending"))
		},
		func() error {
			return w.AddVar("data_mode", nc.Char, []string{"profile"}, text("long_name", "Delayed mode or real time data"), text("flag_values", "R A D"), text("flag_meanings", "real_time real_time_adjusted delayed_mode"))
		},
		func() error {
			return w.AddVar("time", nc.Double, []string{"profile"}, text("standard_name", "time"), text("units", "days since 1950-01-01 00:00:00 UTC"), text("calendar", "standard"), text("axis", "T"), nc.Attr{Name: "_FillValue", Type: nc.Double, Value: []float64{math.NaN()}})
		},
		func() error {
			return w.AddVar("latitude", nc.Double, []string{"profile"}, text("standard_name", "latitude"), text("units", "degrees_north"), text("axis", "Y"), nc.Attr{Name: "_FillValue", Type: nc.Double, Value: []float64{math.NaN()}})
		},
		func() error {
			return w.AddVar("longitude", nc.Double, []string{"profile"}, text("standard_name", "longitude"), text("units", "degrees_east"), text("axis", "X"), nc.Attr{Name: "_FillValue", Type: nc.Double, Value: []float64{math.NaN()}})
		},
		func() error {
			return w.AddVar("position_qc", nc.Char, []string{"profile"}, text("long_name", "Quality on position (latitude and longitude)"))
		},
		func() error {
			return w.AddVar("row_size", nc.Int, []string{"profile"}, text("long_name", "number of levels in this profile"), text("sample_dimension", "obs"))
		},
	}
	for _, name := range names {
		lower := lowerName(name)
		attrs := []nc.Attr{text("long_name", name+" (best value by data mode)"), nc.Attr{Name: "_FillValue", Type: nc.Float, Value: []float32{float32(math.NaN())}}}
		if u := units[name]; u != "" {
			attrs = append(attrs, text("units", u))
		}
		if name == "PRES" {
			attrs = append(attrs, text("standard_name", "sea_water_pressure"), text("positive", "down"), text("axis", "Z"))
		} else {
			attrs = append(attrs, text("coordinates", "time latitude longitude pres"))
		}
		steps = append(steps,
			func() error { return w.AddVar(lower, nc.Float, []string{"obs"}, attrs...) },
			func() error {
				return w.AddVar(lower+"_qc", nc.Char, []string{"obs"}, text("long_name", "quality flag of "+lower), text("flag_values", "0 1 2 3 4 5 8 9"),
					text("flag_meanings", "no_qc_performed good_data probably_good_data bad_data_that_are_potentially_correctable bad_data value_changed interpolated_value missing_value"))
			},
			func() error {
				return w.AddVar(lower+"_error", nc.Float, []string{"obs"}, text("long_name", "error on "+lower), nc.Attr{Name: "_FillValue", Type: nc.Float, Value: []float32{float32(math.NaN())}})
			},
			func() error {
				return w.AddVar(lower+"_data_mode", nc.Char, []string{"profile"}, text("long_name", "data mode of "+lower))
			},
		)
	}
	steps = append(steps,
		func() error { return w.PutAttr("", text("Conventions", "CF-1.8")) },
		func() error { return w.PutAttr("", text("featureType", "profile")) },
		func() error { return w.PutAttr("", text("title", "Argo profiles")) },
		func() error {
			return w.PutAttr("", text("source", "Argo float profiles written by github.com/insitu-go/insitu/argo (best values by data mode)"))
		},
		func() error { return w.PutAttr("", text("references", "https://doi.org/10.17882/42182")) },
	)
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	ids := make([]byte, np*idLen)
	plats := make([]byte, np*platLen)
	cycles := make([]int32, np)
	dirs, modes, posqc := make([]byte, np), make([]byte, np), make([]byte, np)
	times, lats, lons := make([]float64, np), make([]float64, np), make([]float64, np)
	rows := make([]int32, np)
	ref := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, p := range profiles {
		fixed(ids[i*idLen:(i+1)*idLen], p.ID())
		fixed(plats[i*platLen:(i+1)*platLen], p.Platform)
		cycles[i] = int32(p.Cycle)
		if p.Cycle < 0 {
			cycles[i] = 99999
		}
		dirs[i], modes[i], posqc[i] = charOf(byte(p.Direction)), charOf(byte(p.DataMode)), charOf(byte(p.PositionQC))
		times[i] = math.NaN()
		if !p.Time.IsZero() {
			times[i] = float64(p.Time.Sub(ref)) / float64(24*time.Hour)
		}
		lats[i], lons[i] = p.Lat, p.Lon
		rows[i] = int32(p.Levels())
	}
	type write struct {
		name string
		data any
	}
	writes := []write{
		{"profile_id", ids}, {"platform_number", plats}, {"cycle_number", cycles}, {"direction", dirs},
		{"data_mode", modes}, {"time", times}, {"latitude", lats}, {"longitude", lons}, {"position_qc", posqc}, {"row_size", rows},
	}
	for _, name := range names {
		vals, qcs, errs := make([]float32, 0, nobs), make([]byte, 0, nobs), make([]float32, 0, nobs)
		pmodes := make([]byte, np)
		for i, p := range profiles {
			n := p.Levels()
			q := p.Param(name)
			if q == nil || q.NValues > 1 {
				for range n {
					vals, qcs, errs = append(vals, float32(math.NaN())), append(qcs, ' '), append(errs, float32(math.NaN()))
				}
				pmodes[i] = ' '
				continue
			}
			pmodes[i] = charOf(byte(q.Mode))
			v, qc, e := q.Best()
			for l := range n {
				vals = append(vals, float32(at(v, l, math.NaN())))
				qcs = append(qcs, charOf(byte(at(qc, l, QCNone))))
				errs = append(errs, float32(at(e, l, math.NaN())))
			}
		}
		lower := lowerName(name)
		writes = append(writes, write{lower, vals}, write{lower + "_qc", qcs}, write{lower + "_error", errs}, write{lower + "_data_mode", pmodes})
	}
	for _, x := range writes {
		if err := w.Write(x.name, x.data); err != nil {
			return err
		}
	}
	return nil
}

func charOf(b byte) byte {
	if b == 0 {
		return ' '
	}
	return b
}

func fixed(dst []byte, s string) {
	for i := range dst {
		dst[i] = ' '
	}
	copy(dst, s)
}

func lowerName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
