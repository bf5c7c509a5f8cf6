package main

import (
	"fmt"
	"math"

	"github.com/insitu-go/insitu/internal/nc"
)

// Fill values of the Argo formats (argo-format.md §6).
const (
	fillFloat = 99999     // parameters, history pressures, position errors (float)
	fillJuld  = 999999    // JULD, JULD_LOCATION, trajectory times (double)
	fillPos   = 99999     // LATITUDE, LONGITUDE (double)
	fillInt   = 99999     // CYCLE_NUMBER, CONFIG_MISSION_NUMBER (int)
	blank     = byte(' ') // char fill and "no QC flag"
)

// dataset collects the dimensions, variables (with their data) and global
// attributes of one file in order, then writes them with nc.Writer.
type dataset struct {
	dims   []dimDef
	vars   []varDef
	global []nc.Attr
}

type dimDef struct {
	name      string
	n         int  // length, or number of records written for an unlimited dimension
	unlimited bool // the record dimension
}

type varDef struct {
	name  string
	t     nc.Type
	dims  []string
	attrs []nc.Attr
	data  any
}

// dim defines a fixed dimension.
func (d *dataset) dim(name string, n int) { d.dims = append(d.dims, dimDef{name: name, n: n}) }

// unlimited defines the record dimension, with nrec records to be written.
func (d *dataset) unlimited(name string, nrec int) {
	d.dims = append(d.dims, dimDef{name: name, n: nrec, unlimited: true})
}

// size returns the number of values of a variable over the named dimensions.
func (d *dataset) size(dims ...string) int {
	n := 1
	for _, name := range dims {
		found := false
		for _, dm := range d.dims {
			if dm.name == name {
				n *= dm.n
				found = true
				break
			}
		}
		if !found {
			panic("gdac: undefined dimension " + name) // a bug in the generator
		}
	}
	return n
}

// add defines a variable with its data and attributes.
func (d *dataset) add(name string, t nc.Type, dims []string, data any, attrs ...nc.Attr) {
	d.vars = append(d.vars, varDef{name: name, t: t, dims: dims, attrs: attrs, data: data})
}

// text defines a char variable whose last dimension is the string width and
// fills it with the given strings, blank-padded; missing rows stay blank.
func (d *dataset) text(name string, dims []string, rows []string, attrs ...nc.Attr) {
	width := d.size(dims[len(dims)-1])
	buf := blanks(d.size(dims...))
	for i, s := range rows {
		putFixed(buf[i*width:(i+1)*width], s)
	}
	d.add(name, nc.Char, dims, buf, attrs...)
}

// flags defines a char variable of one byte per cell (QC flags, modes,
// directions) from the given bytes; it must cover the whole variable.
func (d *dataset) flags(name string, dims []string, b []byte, attrs ...nc.Attr) {
	if len(b) != d.size(dims...) {
		panic(fmt.Sprintf("gdac: %s: %d flags for %d cells", name, len(b), d.size(dims...)))
	}
	d.add(name, nc.Char, dims, b, attrs...)
}

// write creates the file and writes everything collected.
func (d *dataset) write(path string, format nc.Format) (err error) {
	w, err := nc.Create(path, format)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}()
	for _, dm := range d.dims {
		n := dm.n
		if dm.unlimited {
			n = 0
		}
		if err := w.AddDim(dm.name, n); err != nil {
			return err
		}
	}
	for _, v := range d.vars {
		if err := w.AddVar(v.name, v.t, v.dims, v.attrs...); err != nil {
			return err
		}
	}
	for _, a := range d.global {
		if err := w.PutAttr("", a); err != nil {
			return err
		}
	}
	for _, v := range d.vars {
		if err := w.Write(v.name, v.data); err != nil {
			return err
		}
	}
	return nil
}

// blanks returns n spaces, the char fill value.
func blanks(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = blank
	}
	return b
}

// putFixed copies s into the fixed-width cell dst, which is already blank.
func putFixed(dst []byte, s string) {
	if len(s) > len(dst) {
		panic(fmt.Sprintf("gdac: %q does not fit in %d characters", s, len(dst))) // a bug in the tables
	}
	copy(dst, s)
}

// f32s converts values to float32, NaN becoming the float fill value.
func f32s(x []float64) []float32 {
	out := make([]float32, len(x))
	for i, v := range x {
		if math.IsNaN(v) {
			out[i] = fillFloat
		} else {
			out[i] = float32(v)
		}
	}
	return out
}

// f64s returns x with NaN replaced by fill.
func f64s(x []float64, fill float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		if math.IsNaN(v) {
			out[i] = fill
		} else {
			out[i] = v
		}
	}
	return out
}

// Attribute constructors.

func str(name, v string) nc.Attr { return nc.Attr{Name: name, Type: nc.Char, Value: v} }

func f32(name string, v float32) nc.Attr {
	return nc.Attr{Name: name, Type: nc.Float, Value: []float32{v}}
}

func f64(name string, v float64) nc.Attr {
	return nc.Attr{Name: name, Type: nc.Double, Value: []float64{v}}
}

func i32(name string, v int32) nc.Attr { return nc.Attr{Name: name, Type: nc.Int, Value: []int32{v}} }

func longName(s string) nc.Attr { return str("long_name", s) }

func conventions(s string) nc.Attr { return str("conventions", s) }

var (
	fillC      = str("_FillValue", " ")
	fillF      = f32("_FillValue", fillFloat)
	fillD      = f64("_FillValue", fillJuld)
	fillPosD   = f64("_FillValue", fillPos)
	fillI      = i32("_FillValue", fillInt)
	dateConv   = conventions("YYYYMMDDHHMISS")
	qcConv     = conventions("Argo reference table 2")
	gradeConv  = conventions("Argo reference table 2a")
	modeConv   = conventions("R : real time; D : delayed mode; A : real time with adjustment")
	juldUnits  = str("units", "days since 1950-01-01 00:00:00 UTC")
	juldConv   = conventions("Relative julian days with decimal part (as parts of day)")
	cycleConv  = conventions("0...N, 0 : launch cycle (if exists), 1 : first complete cycle")
	missionCnv = conventions("1...N, 1 : first complete mission")
)
