package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// indexKind describes one GDAC index file (argo-format.md §10).
type indexKind struct {
	file, title, description, version, header string
}

var (
	profIndex = indexKind{"ar_index_global_prof.txt",
		"Profile directory file of the Argo Global Data Assembly Center",
		"The directory file describes all individual profile files of the argo GDAC ftp site.",
		"2.0", "file,date,latitude,longitude,ocean,profiler_type,institution,date_update"}
	synthIndex = indexKind{"argo_synthetic-profile_index.txt",
		"Synthetic-Profile directory file of the Argo Global Data Assembly Center",
		"The directory file describes all individual synthetic-profile files of the argo GDAC ftp site.",
		"2.2", "file,date,latitude,longitude,ocean,profiler_type,institution,parameters,parameter_data_mode,date_update"}
	bioIndex = indexKind{"argo_bio-profile_index.txt",
		"Bio-Profile directory file of the Argo Global Data Assembly Center",
		"The directory file describes all individual bio-profile files of the argo GDAC ftp site.",
		"2.2", "file,date,latitude,longitude,ocean,profiler_type,institution,parameters,parameter_data_mode,date_update"}
	metaIndex = indexKind{"ar_index_global_meta.txt",
		"Metadata directory file of the Argo Global Data Assembly Center",
		"The directory file describes all metadata files of the argo GDAC ftp site.",
		"2.0", "file,profiler_type,institution,date_update"}
	trajIndex = indexKind{"ar_index_global_traj.txt",
		"Trajectory directory file of the Argo Global Data Assembly Center",
		"The directory file describes all trajectory files of the argo GDAC ftp site.",
		"2.2", "file,latitude_max,latitude_min,longitude_max,longitude_min,profiler_type,institution,date_update"}
)

// quirkRows are extra rows of ar_index_global_prof.txt that reproduce
// quirks of the real index (argo-format.md §11). The files they name do NOT
// exist in the mini GDAC: readers must cope with such rows, and a GDAC
// client asked for those files gets "not found".
var quirkRows = []string{
	// No date and no position (like MEDS and AOML rows of the real index).
	"meds/4999501/profiles/R4999501_010.nc,,,,,846,ME,20240115083000",
	// The JMA sentinel position -99.999,-999.999 with an empty ocean.
	"jma/2999201/profiles/D2999201_104.nc,20180305091500,-99.999,-999.999,,863,JA,20200201040000",
	// A zero-padded profiler type, "0851" for 851.
	"aoml/4999002/profiles/R4999002_001.nc,20040501023000,-40.512,-160.204,P,0851,AO,20140720101500",
}

// profileRow is one row of a profile index (core, bio or synthetic).
type profileRow struct {
	file        string // relative to dac/
	date        time.Time
	lat, lon    float64
	profiler    string
	institution string
	params      string // bio and synthetic only
	modes       string
	updated     time.Time
}

func (r profileRow) line(withParams bool) string {
	fields := []string{r.file, stamp(r.date), coord(r.lat), coord(r.lon), ocean(r.lon), r.profiler, r.institution}
	if withParams {
		fields = append(fields, r.params, r.modes)
	}
	return strings.Join(append(fields, stamp(r.updated)), ",")
}

// coord formats an index latitude or longitude, blank when missing.
func coord(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return fmt.Sprintf("%.3f", x)
}

// writeIndex writes an index file: the 8 comment lines, the header and the
// rows sorted by file name. The core index also gets a deterministic
// .txt.gz twin (no name, zero modification time).
func writeIndex(out string, k indexKind, rows []string, updated time.Time, gz bool) error {
	rows = slices.Clone(rows)
	slices.Sort(rows)
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Title : %s\n", k.title)
	fmt.Fprintf(&b, "# Description : %s\n", k.description)
	fmt.Fprintf(&b, "# Project : ARGO\n")
	fmt.Fprintf(&b, "# Format version : %s\n", k.version)
	fmt.Fprintf(&b, "# Date of update : %s\n", stamp(updated))
	fmt.Fprintf(&b, "# FTP root number 1 : ftp://ftp.ifremer.fr/ifremer/argo/dac\n")
	fmt.Fprintf(&b, "# FTP root number 2 : ftp://usgodae.org/pub/outgoing/argo/dac\n")
	fmt.Fprintf(&b, "# GDAC node : CORIOLIS\n")
	b.WriteString(k.header + "\n")
	for _, r := range rows {
		b.WriteString(r + "\n")
	}
	path := filepath.Join(out, k.file)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return err
	}
	if !gz {
		return nil
	}
	var z bytes.Buffer
	zw, err := gzip.NewWriterLevel(&z, gzip.BestCompression)
	if err != nil {
		return err
	}
	// The zero Header has no name and a zero modification time, so the
	// compressed bytes depend on the content only.
	if _, err := zw.Write(b.Bytes()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path+".gz", z.Bytes(), 0o644)
}
