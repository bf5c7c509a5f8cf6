package main

import (
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/insitu-go/insitu/internal/nc"
)

// erddapReadme describes testdata/erddap.
const erddapReadme = `# Synthetic ERDDAP response (test data)

` + "`ArgoFloats.nc`" + ` is what the Ifremer ERDDAP's ` + "`ArgoFloats`" + ` dataset would answer to
argopy's request for every primary profile of the synthetic mini GDAC
(` + "`../gdac`" + `), in its layout: a tabledap .nc table, one row per level, sorted
by time then pressure (` + "`orderBy(\"time,pres\")`" + `), lower-case column names,
char columns with a ` + "`<name>_strlen`" + ` dimension, times in seconds since 1970.
It is **synthetic**, written by ` + "`internal/gen/gdac`" + ` with the same data as the
mini GDAC, so that an ERDDAP source and a GDAC source can be compared
offline. Regenerate it with ` + "`go generate`" + ` from the module root.
`

// erddapLevel is one row of the ERDDAP table.
type erddapLevel struct {
	p *profile
	k int
}

// writeERDDAP writes dir/ArgoFloats.nc: the rows of the ArgoFloats dataset
// for the given profiles, in the server's layout (see erddapReadme).
func writeERDDAP(dir string, profiles []*profile) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var rows []erddapLevel
	for _, p := range profiles {
		for k := range p.nlevels() {
			rows = append(rows, erddapLevel{p, k})
		}
	}
	pres := func(r erddapLevel) float64 { return r.p.param("PRES").Raw[r.k] }
	slices.SortStableFunc(rows, func(a, b erddapLevel) int {
		if c := a.p.Time.Compare(b.p.Time); c != 0 {
			return c
		}
		// NaN pressures last, as ERDDAP sorts missing values.
		pa, pb := pres(a), pres(b)
		switch {
		case math.IsNaN(pa) || math.IsNaN(pb):
			return boolInt(math.IsNaN(pa)) - boolInt(math.IsNaN(pb))
		case pa < pb:
			return -1
		case pa > pb:
			return 1
		}
		return 0
	})

	d := &dataset{}
	d.dim("row", len(rows))
	charCol := func(name string, width int, long string, cell func(r erddapLevel) string) {
		d.dim(name+"_strlen", width)
		buf := make([]byte, len(rows)*width) // ERDDAP pads with NULs
		for i, r := range rows {
			copy(buf[i*width:(i+1)*width], cell(r))
		}
		d.add(name, nc.Char, []string{"row", name + "_strlen"}, buf, str("_Encoding", "ISO-8859-1"), longName(long))
	}
	maxLen := func(cell func(r erddapLevel) string) int {
		n := 1
		for _, r := range rows {
			n = max(n, len(cell(r)))
		}
		return n
	}
	one := func(b byte) string {
		if b == blank || b == 0 {
			return ""
		}
		return string(b)
	}
	i32s := func(f func(r erddapLevel) int32) []int32 {
		out := make([]int32, len(rows))
		for i, r := range rows {
			out[i] = f(r)
		}
		return out
	}
	f64col := func(f func(r erddapLevel) float64) []float64 {
		out := make([]float64, len(rows))
		for i, r := range rows {
			out[i] = f(r)
		}
		return out
	}
	column := func(name string, f func(s *series, k int) float64) []float64 {
		return f64col(func(r erddapLevel) float64 {
			s := r.p.param(name)
			if s == nil {
				return math.NaN()
			}
			return f(s, r.k)
		})
	}
	at := func(x []float64, k int) float64 {
		if k < len(x) {
			return x[k]
		}
		return math.NaN()
	}
	flag := func(x []byte, k int) string {
		if k < len(x) {
			return one(x[k])
		}
		return ""
	}

	d.add("config_mission_number", nc.Int, []string{"row"}, i32s(func(erddapLevel) int32 { return 1 }),
		i32("_FillValue", fillInt), longName("Unique number denoting the missions performed by the float"))
	d.add("cycle_number", nc.Int, []string{"row"}, i32s(func(r erddapLevel) int32 { return int32(r.p.Cycle) }),
		i32("_FillValue", fillInt), str("cf_role", "profile_id"), longName("Float cycle number"))
	charCol("data_mode", 1, "Delayed mode or real time data", func(r erddapLevel) string { return one(r.p.Mode) })
	charCol("direction", 1, "Direction of the station profiles", func(r erddapLevel) string { return one(r.p.Dir) })
	d.add("latitude", nc.Double, []string{"row"}, f64s(f64col(func(r erddapLevel) float64 { return r.p.Lat }), fillPos),
		str("_CoordinateAxisType", "Lat"), f64("_FillValue", fillPos), longName("Latitude of the station, best estimate"),
		str("units", "degrees_north"), f64("valid_max", 90), f64("valid_min", -90))
	d.add("longitude", nc.Double, []string{"row"}, f64s(f64col(func(r erddapLevel) float64 { return r.p.Lon }), fillPos),
		str("_CoordinateAxisType", "Lon"), f64("_FillValue", fillPos), longName("Longitude of the station, best estimate"),
		str("units", "degrees_east"), f64("valid_max", 180), f64("valid_min", -180))
	wmo := func(r erddapLevel) string { return r.p.Float.WMO }
	charCol("platform_number", maxLen(wmo), "Float unique identifier", wmo)
	charCol("position_qc", 1, "Quality on position (latitude and longitude)", func(erddapLevel) string { return "1" })
	for _, p := range []struct{ name, units, long string }{
		{"PRES", "decibar", "Sea water pressure, equals 0 at sea-level"},
		{"PSAL", "PSU", "Practical salinity"},
		{"TEMP", "degree_Celsius", "Sea temperature in-situ ITS-90 scale"},
	} {
		lower := map[string]string{"PRES": "pres", "PSAL": "psal", "TEMP": "temp"}[p.name]
		values := func(suffix string, f func(s *series, k int) float64, long string) {
			d.add(lower+suffix, nc.Float, []string{"row"}, f32s(column(p.name, f)), fillF, longName(long), str("units", p.units))
		}
		flags := func(suffix string, f func(s *series, k int) string) {
			charCol(lower+suffix, 1, "quality flag", func(r erddapLevel) string {
				if s := r.p.param(p.name); s != nil {
					return f(s, r.k)
				}
				return ""
			})
		}
		values("", func(s *series, k int) float64 { return at(s.Raw, k) }, p.long)
		values("_adjusted", func(s *series, k int) float64 { return at(s.Adj, k) }, p.long)
		values("_adjusted_error", func(s *series, k int) float64 { return at(s.AdjErr, k) },
			"Contains the error on the adjusted values as determined by the delayed mode QC process")
		flags("_adjusted_qc", func(s *series, k int) string { return flag(s.AdjQC, k) })
		flags("_qc", func(s *series, k int) string { return flag(s.RawQC, k) })
	}
	d.add("time", nc.Double, []string{"row"}, f64col(func(r erddapLevel) float64 { return float64(r.p.Time.Unix()) }),
		str("_CoordinateAxisType", "Time"), longName("Julian day (UTC) of the station relative to REFERENCE_DATE_TIME"),
		str("time_origin", "01-JAN-1970 00:00:00"), str("units", "seconds since 1970-01-01T00:00:00Z"))
	charCol("time_qc", 1, "Quality on date and time", func(erddapLevel) string { return "1" })
	sampling := func(r erddapLevel) string { return r.p.Sampling }
	charCol("vertical_sampling_scheme", maxLen(sampling), "Vertical sampling scheme", sampling)
	d.global = []nc.Attr{
		str("cdm_altitude_proxy", "pres"),
		str("cdm_data_type", "TrajectoryProfile"),
		str("cdm_profile_variables", "cycle_number, direction, data_mode, time, time_qc, latitude, longitude, position_qc, vertical_sampling_scheme"),
		str("cdm_trajectory_variables", "platform_number"),
		str("comment", "Synthetic test data written by internal/gen/gdac in the layout of an ERDDAP tabledap response; not real Argo data"),
		str("Conventions", "Argo-3.1, CF-1.6, COARDS, ACDD-1.3"),
		str("featureType", "TrajectoryProfile"),
		str("title", "Argo float vertical profiles from Coriolis Global Data Assembly Centres (GDAC) (synthetic)"),
	}
	if err := d.write(filepath.Join(dir, "ArgoFloats.nc"), nc.Classic); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "README.md"), []byte(erddapReadme), 0o644)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
