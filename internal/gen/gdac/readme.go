package main

import (
	"fmt"
	"strings"
)

// readme returns testdata/gdac/README.md, generated so that it always
// matches the content.
func readme(fl []*floatSpec, files map[string][]string) string {
	var b strings.Builder
	b.WriteString(`# Mini GDAC (synthetic test data)

Everything under this directory is **synthetic**: it is written by the
generator in ` + "`internal/gen/gdac`" + ` from a small analytic ocean model and
fixed seeds. It is *not* real Argo data. The WMO numbers (x999xxx) are made
up: they have the real A9IIIII shape but were picked from ranges that, as far
as we know, no real float uses; never look them up on a real GDAC.
The files follow the Argo formats (core profile format 3.1, one 2.2 file,
B and S files, meta 3.1, trajectory 3.1, technical 3.1, index files) so
that readers can be tested offline. Every NetCDF file carries a global
` + "`comment`" + ` saying it is synthetic.

Do not edit these files by hand. Regenerate them from the module root with

    go generate
    # or
    go run ./internal/gen/gdac -out testdata/gdac

(libnetcdf and cgo are needed). The output is deterministic: classic NetCDF
and text files are byte-identical from run to run, NetCDF-4 files have the
same content (their bytes also record the libnetcdf and HDF5 versions).
` + "`go test ./internal/gen/gdac`" + ` regenerates into a temporary directory and
compares with this directory.

## Floats

| WMO | DAC | files under dac/DAC/WMO/ | what it exercises |
|---|---|---|---|
`)
	for _, f := range fl {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.WMO, f.DAC, strings.Join(files[f.WMO], ", "), f.Notes)
	}
	b.WriteString(`
## What the files contain

- Profiles come from T = Tdeep + (Tsurf - Tdeep)·exp(-(p - MLD)/scale) below a
  mixed layer, a similar salinity profile, and for the BGC float oxygen of
  about 235-270 µmol/kg, plus small deterministic noise. Pressures follow
  5/10/50/100 dbar averaging bins to 2000 dbar (shelf floats: 5 dbar bins to
  about 100-120 dbar), 9 to 51 levels per profile.
- Core files (R/D): PRES, TEMP, PSAL (PRES and TEMP only for 4999001) with
  QC flags, PROFILE_<PARAM>_QC grades computed by the table 2a rule from the
  adjusted flags in A/D mode and the raw flags in R mode, adjusted values
  (fill in R mode; raw + offset in A mode, without errors; raw + offset with
  PRES/TEMP/PSAL_ADJUSTED_ERROR 2.4 / 0.002 / 0.01 in D mode, where values
  flagged 4 or 9 are fill), one calibration (N_CALIB = 1) and history
  records (N_HISTORY = 1 or 2; 0 in the multi-profile files).
- QC flags 2, 3, 4 and 9 occur: 9 marks a fill value; 4 marks a spiked value.
- B files (BR/BD): PRES without QC or adjusted variables, TEMP_DOXY as an
  intermediate parameter (values and _QC only, flags 0), DOXY with all five
  variables (raw flags 3 as real-time QC sets them), sampled every other
  level; STRING64 parameter names, PARAMETER_DATA_MODE, DATA_MODE the
  highest parameter mode.
- S files (SR/SD): FORMAT_VERSION 1.0, no DATA_MODE, PARAMETER_DATA_MODE,
  <PARAM>_dPRES (DOXY_dPRES is the distance to the nearest oxygen sample).
- <wmo>_prof.nc: the primary profiles of every cycle (classic).
  6999002_Sprof.nc: every S profile, in NetCDF-4/HDF5.
- Meta files for every float, Rtraj files (format 3.1) for 6999001 and
  5999001, tech files for 6999001 and 4999001.

## Index files

` + "`ar_index_global_prof.txt`" + ` (and a gzip copy written deterministically:
no file name, zero modification time), ` + "`argo_bio-profile_index.txt`" + `,
` + "`argo_synthetic-profile_index.txt`" + `, ` + "`ar_index_global_meta.txt`" + ` and
` + "`ar_index_global_traj.txt`" + `, each with the 8 comment lines and the CSV
header line of the real files, one row per generated file, sorted by file.
The traj row of 5999001 spans the antimeridian (longitude_max 179.9...,
longitude_min -179.8...), as the real index reports such floats.

The core index also has these quirk rows. **The files they name do not
exist** in this mini GDAC:

`)
	for _, r := range quirkRows {
		fmt.Fprintf(&b, "    %s\n", r)
	}
	b.WriteString(`
They reproduce a row with no date and no position, the JMA sentinel
position -99.999,-999.999 with an empty ocean, and a zero-padded profiler
type (0851).
`)
	return b.String()
}
