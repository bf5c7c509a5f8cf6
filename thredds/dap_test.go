//go:build cgo

package thredds

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// This file serves netcdf-c's recorded DAP2 responses (.dds, .das, .dods)
// from an httptest server and opens them through libnetcdf with Open,
// comparing what it reads with netcdf-c's expected ncdump output.
//
// libnetcdf asks for URL.dds, URL.das and URL.dods?<constraint>. The
// recordings hold whole datasets, so the server answers constraints itself
// for datasets made of plain arrays (hyperslabs such as u[0][3][0:20]);
// sequences and grids are asked for one field or variable at a time by
// name, and the whole recording answers those (libnetcdf picks the
// variables it asked for by name).

type dapDim struct {
	name string
	size int
}

type dapArray struct {
	typ, name string
	dims      []dapDim
	data      []byte // XDR elements (4 bytes each for 16- and 32-bit types, 8 for Float64, 1 for Byte)
}

type dap2Dataset struct {
	dds, das, dods []byte
	name           string     // the dataset name at the end of the DDS
	arrays         []dapArray // nil when the DDS is not plain arrays
}

var ddsLine = regexp.MustCompile(`^(\w+)\s+([\w.]+)((?:\[[^\]]*\])*);$`)
var ddsDim = regexp.MustCompile(`\[\s*(?:([\w.]+)\s*=\s*)?(\d+)\s*\]`)

func xdrSize(typ string) int {
	switch typ {
	case "Byte", "UInt8", "Int8":
		return 1
	case "Int16", "UInt16", "Int32", "UInt32", "Float32":
		return 4
	case "Float64":
		return 8
	}
	return 0
}

func newDAP2Dataset(t *testing.T, dds, das, dods []byte) *dap2Dataset {
	t.Helper()
	ds := &dap2Dataset{dds: dds, das: das, dods: dods}
	lines := strings.Split(strings.TrimSpace(string(dds)), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	ds.name = strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(last, "}")), ";")
	var arrays []dapArray
	for _, l := range lines[1 : len(lines)-1] {
		m := ddsLine.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil || xdrSize(m[1]) == 0 {
			return ds // sequences, grids, structures or strings: served whole
		}
		a := dapArray{typ: m[1], name: m[2]}
		for _, d := range ddsDim.FindAllStringSubmatch(m[3], -1) {
			n, _ := strconv.Atoi(d[2])
			a.dims = append(a.dims, dapDim{d[1], n})
		}
		arrays = append(arrays, a)
	}
	i := bytes.Index(dods, []byte("\nData:\n"))
	if i < 0 {
		t.Fatal("no Data: in the .dods recording")
	}
	p := dods[i+len("\nData:\n"):]
	for k := range arrays {
		a := &arrays[k]
		n := 1
		for _, d := range a.dims {
			n *= d.size
		}
		size := xdrSize(a.typ)
		if len(a.dims) > 0 {
			if binary.BigEndian.Uint32(p) != uint32(n) {
				t.Fatalf("%s: count %d, want %d", a.name, binary.BigEndian.Uint32(p), n)
			}
			p = p[8:]
		}
		a.data = p[:n*size]
		p = p[(n*size+3)&^3:]
	}
	ds.arrays = arrays
	return ds
}

// project answers a DAP2 projection list (a[0:1:3][2],b) for a dataset of
// plain arrays.
func (ds *dap2Dataset) project(projections []string) ([]byte, error) {
	var head, body bytes.Buffer
	head.WriteString("Dataset {\n")
	for _, pr := range projections {
		name, rest := pr, ""
		if i := strings.IndexByte(pr, '['); i >= 0 {
			name, rest = pr[:i], pr[i:]
		}
		var a *dapArray
		for k := range ds.arrays {
			if ds.arrays[k].name == name {
				a = &ds.arrays[k]
			}
		}
		if a == nil {
			return nil, fmt.Errorf("no variable %q", name)
		}
		type rng struct{ start, stride, stop int }
		var rs []rng
		for _, part := range strings.Split(strings.Trim(rest, "[]"), "][") {
			if part == "" {
				continue
			}
			f := strings.Split(part, ":")
			v := make([]int, len(f))
			for i, s := range f {
				v[i], _ = strconv.Atoi(s)
			}
			switch len(f) {
			case 1:
				rs = append(rs, rng{v[0], 1, v[0]})
			case 2:
				rs = append(rs, rng{v[0], 1, v[1]})
			default:
				rs = append(rs, rng{v[0], v[1], v[2]})
			}
		}
		for len(rs) < len(a.dims) {
			rs = append(rs, rng{0, 1, a.dims[len(rs)].size - 1})
		}
		fmt.Fprintf(&head, "    %s %s", a.typ, a.name)
		counts := make([]int, len(a.dims))
		total := 1
		for i, d := range a.dims {
			counts[i] = (rs[i].stop-rs[i].start)/rs[i].stride + 1
			total *= counts[i]
			fmt.Fprintf(&head, "[%s = %d]", d.name, counts[i])
		}
		head.WriteString(";\n")
		size := xdrSize(a.typ)
		if len(a.dims) > 0 {
			binary.Write(&body, binary.BigEndian, [2]uint32{uint32(total), uint32(total)})
		}
		idx := make([]int, len(a.dims))
		for range total {
			off := 0
			for i, d := range a.dims {
				off = off*d.size + rs[i].start + idx[i]*rs[i].stride
			}
			body.Write(a.data[off*size : (off+1)*size])
			for i := len(idx) - 1; i >= 0; i-- {
				idx[i]++
				if idx[i] < counts[i] {
					break
				}
				idx[i] = 0
			}
		}
		for body.Len()%4 != 0 {
			body.WriteByte(0)
		}
	}
	fmt.Fprintf(&head, "} %s;\nData:\n", ds.name)
	return append(head.Bytes(), body.Bytes()...), nil
}

// dapServer serves the recorded datasets under /thredds/dodsC/ (DAP2) and
// /thredds/dap4/ (DAP4: URL.dmr.xml or URL.dmr, and URL.dap).
func dapServer(t *testing.T, dap2 map[string]*dap2Dataset, dap4 map[string][2][]byte) (*httptest.Server, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.URL.RequestURI())
		mu.Unlock()
		p := r.URL.Path
		if rest, ok := strings.CutPrefix(p, "/thredds/dap4/"); ok {
			for name, files := range dap4 {
				switch rest {
				case name + ".dmr.xml", name + ".dmr":
					w.Header().Set("Content-Type", "application/vnd.opendap.dap4.dataset-metadata+xml")
					w.Write(files[0])
					return
				case name + ".dap":
					w.Header().Set("Content-Type", "application/vnd.opendap.dap4.data")
					w.Write(files[1])
					return
				}
			}
			http.NotFound(w, r)
			return
		}
		rest, ok := strings.CutPrefix(p, "/thredds/dodsC/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		for name, ds := range dap2 {
			switch rest {
			case name + ".dds":
				w.Header().Set("Content-Type", "text/plain")
				w.Write(ds.dds)
				return
			case name + ".das":
				w.Header().Set("Content-Type", "text/plain")
				w.Write(ds.das)
				return
			case name + ".dods":
				w.Header().Set("Content-Type", "application/octet-stream")
				q, _ := url.QueryUnescape(r.URL.RawQuery)
				if q == "" || ds.arrays == nil {
					w.Write(ds.dods)
					return
				}
				body, err := ds.project(strings.Split(q, ","))
				if err != nil {
					w.WriteHeader(400)
					fmt.Fprintf(w, "Error {\n    code = 1001;\n    message = %q;\n};\n", err.Error())
					return
				}
				w.Write(body)
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), requests...)
	}
}

// cdl is what the tests read from an expected ncdump output.
type cdl struct {
	dims      map[string]int // -1: UNLIMITED
	unlimited map[string]int // current length of unlimited dimensions
	vars      map[string]cdlVar
	order     []string
	attrs     map[string]map[string][]string // var ("" global) -> attribute -> values as written
	data      map[string][]string            // var -> values as written (strings unquoted)
}

type cdlVar struct {
	typ  string
	dims []string
}

// cdlValues splits a CDL value list: quoted strings are unquoted (ncdump's
// escapes undone), other values trimmed.
func cdlValues(s string) []string {
	var out []string
	var cur strings.Builder
	in, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in && c == '\\' && i+1 < len(s):
			i++
			switch s[i] {
			case 'n':
				cur.WriteByte('\n')
			case 't':
				cur.WriteByte('\t')
			case '0':
				cur.WriteByte(0)
			default:
				cur.WriteByte(s[i])
			}
		case in && c == '"':
			in = false
		case in:
			cur.WriteByte(c)
		case c == '"':
			in, quoted = true, true
		case c == ',':
			v := cur.String()
			if !quoted {
				v = strings.TrimSpace(v)
			}
			out = append(out, v)
			cur.Reset()
			quoted = false
		case c == ' ' || c == '\n' || c == '\t':
		default:
			cur.WriteByte(c)
		}
	}
	v := cur.String()
	if !quoted {
		v = strings.TrimSpace(v)
	}
	return append(out, v)
}

// statements splits CDL text at semicolons outside strings, dropping
// comments.
func statements(s string) []string {
	var out []string
	var cur strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in && c == '\\' && i+1 < len(s):
			cur.WriteByte(c)
			i++
			cur.WriteByte(s[i])
			continue
		case c == '"':
			in = !in
		case !in && c == '/' && i+1 < len(s) && s[i+1] == '/':
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				i = len(s)
			} else {
				i += j
			}
			continue
		case !in && c == ';':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	return out
}

func parseCDL(t *testing.T, text string) *cdl {
	t.Helper()
	c := &cdl{dims: map[string]int{}, unlimited: map[string]int{}, vars: map[string]cdlVar{}, attrs: map[string]map[string][]string{}, data: map[string][]string{}}
	// the current lengths of unlimited dimensions are in comments
	for _, m := range regexp.MustCompile(`(?m)^\s*([\w.]+) = UNLIMITED ; // \((\d+) currently\)`).FindAllStringSubmatch(text, -1) {
		c.unlimited[m[1]], _ = strconv.Atoi(m[2])
	}
	i := strings.Index(text, "\ndata:\n")
	head, data := text, ""
	if i >= 0 {
		head, data = text[:i], text[i+len("\ndata:\n"):]
	}
	head = head[strings.IndexByte(head, '{')+1:]
	section := ""
	for _, st := range statements(head) {
		for _, sec := range []string{"dimensions:", "variables:"} {
			if strings.HasPrefix(st, sec) {
				section = sec
				st = strings.TrimSpace(strings.TrimPrefix(st, sec))
			}
		}
		if st == "" {
			continue
		}
		switch section {
		case "dimensions:":
			name, val, _ := strings.Cut(st, "=")
			n, err := strconv.Atoi(strings.TrimSpace(val))
			if err != nil {
				n = -1
			}
			c.dims[strings.TrimSpace(name)] = n
		case "variables:":
			if lhs, rhs, ok := strings.Cut(st, " = "); ok && strings.Contains(lhs, ":") {
				v, a, _ := strings.Cut(strings.TrimSpace(lhs), ":")
				if c.attrs[v] == nil {
					c.attrs[v] = map[string][]string{}
				}
				c.attrs[v][a] = cdlValues(rhs)
				continue
			}
			typ, decl, _ := strings.Cut(st, " ")
			name, dims, _ := strings.Cut(decl, "(")
			var ds []string
			for _, d := range strings.Split(strings.TrimSuffix(dims, ")"), ",") {
				if d = strings.TrimSpace(d); d != "" {
					ds = append(ds, d)
				}
			}
			name = strings.TrimSpace(name)
			c.vars[name] = cdlVar{typ: typ, dims: ds}
			c.order = append(c.order, name)
		}
	}
	for _, st := range statements(strings.TrimSuffix(strings.TrimSpace(data), "}")) {
		if name, vals, ok := strings.Cut(st, " = "); ok {
			c.data[strings.TrimSpace(name)] = cdlValues(vals)
		}
	}
	return c
}

func toFloats(v any) []float64 {
	switch x := v.(type) {
	case []int8:
		return convFloats(x)
	case []uint8:
		return convFloats(x)
	case []int16:
		return convFloats(x)
	case []uint16:
		return convFloats(x)
	case []int32:
		return convFloats(x)
	case []uint32:
		return convFloats(x)
	case []int64:
		return convFloats(x)
	case []float32:
		return convFloats(x)
	case []float64:
		return x
	}
	return nil
}

func convFloats[T int8 | uint8 | int16 | uint16 | int32 | uint32 | int64 | float32](x []T) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

// closeEnough compares a value read with ncdump's text: ncdump prints
// doubles with 15 significant digits and floats with 7.
func closeEnough(got float64, text, typ string) bool {
	text = strings.TrimRight(text, "fbsLU")
	want, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return false
	}
	tol := 1e-14
	if typ == "float" {
		tol = 1e-6
	}
	return got == want || math.Abs(got-want) <= tol*math.Max(math.Abs(want), 1e-300)*10
}

func checkAgainstCDL(t *testing.T, d *Data, c *cdl) {
	t.Helper()
	for name, n := range c.dims {
		dim, ok := d.Dim(name)
		if !ok {
			t.Errorf("no dimension %s", name)
			continue
		}
		if n < 0 {
			if !dim.Unlimited || dim.Len != c.unlimited[name] {
				t.Errorf("dimension %s: %+v, want UNLIMITED (%d)", name, dim, c.unlimited[name])
			}
		} else if dim.Len != n {
			t.Errorf("dimension %s: %d, want %d", name, dim.Len, n)
		}
	}
	if len(d.Vars()) != len(c.vars) {
		t.Errorf("%d variables, want %d", len(d.Vars()), len(c.vars))
	}
	compared := 0
	defer func() {
		if compared != len(c.data) || compared == 0 {
			t.Errorf("compared the data of %d variables, the CDL has %d", compared, len(c.data))
		}
	}()
	for _, name := range c.order {
		cv := c.vars[name]
		v := d.Var(name)
		if v == nil {
			t.Errorf("no variable %s", name)
			continue
		}
		if v.Type.String() != cv.typ || strings.Join(v.Dims, ",") != strings.Join(cv.dims, ",") {
			t.Errorf("%s: %s(%v), want %s(%v)", name, v.Type, v.Dims, cv.typ, cv.dims)
		}
		want := c.data[name]
		if want == nil {
			continue
		}
		compared++
		if cv.typ == "char" {
			got, err := d.Strings(name)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: %q, want %q", name, got, want)
			}
			continue
		}
		raw, err := d.Values(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := toFloats(raw)
		format := ""
		if f, ok := v.Attr("C_format"); ok {
			format = f.String() // ncdump prints with the variable's C_format
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d values, want %d", name, len(got), len(want))
			continue
		}
		bad := 0
		for i := range got {
			if format != "" && fmt.Sprintf(format, got[i]) == want[i] {
				continue
			}
			if !closeEnough(got[i], want[i], cv.typ) {
				if bad < 3 {
					t.Errorf("%s[%d] = %v, want %s", name, i, got[i], want[i])
				}
				bad++
			}
		}
	}
	// attributes
	for vname, attrs := range c.attrs {
		var list []Attr
		if vname == "" {
			list = d.Attrs()
		} else if v := d.Var(vname); v != nil {
			list = v.Attrs
		}
		for aname, want := range attrs {
			var a *Attr
			for i := range list {
				if list[i].Name == aname {
					a = &list[i]
				}
			}
			if a == nil {
				t.Errorf("%s: no attribute %s", vname, aname)
				continue
			}
			if s, ok := a.Value.(string); ok {
				if s != strings.Join(want, "") {
					t.Errorf("%s:%s = %q, want %q", vname, aname, s, want)
				}
				continue
			}
			f := a.Float64s()
			if len(f) != len(want) {
				t.Errorf("%s:%s = %v, want %v", vname, aname, a.Value, want)
				continue
			}
			for i := range f {
				if !closeEnough(f[i], want[i], "double") && !closeEnough(f[i], want[i], "float") {
					t.Errorf("%s:%s = %v, want %v", vname, aname, f, want)
				}
			}
		}
	}
}

// TestOpenDAP2Recorded opens netcdf-c's four recorded DAP2 datasets through
// libnetcdf and compares everything read with netcdf-c's expected ncdump
// output: dimensions (the sequence dimensions, the DODS_EXTRA unlimited
// one), dot-named sequence fields, DAP Strings as char arrays, Grid arrays
// and maps, every value and attribute.
func TestOpenDAP2Recorded(t *testing.T) {
	names := map[string]string{"fnoc1.nc": "fnoc1.nc", "saco1.nc": "saco1.nc", "whoi": "whoi", "Drifters": "Drifters"}
	dap2 := map[string]*dap2Dataset{}
	for name := range names {
		dap2[name] = newDAP2Dataset(t,
			readReal(t, "Unidata__netcdf-c", name+".dds"),
			readReal(t, "Unidata__netcdf-c", name+".das"),
			readReal(t, "Unidata__netcdf-c", name+".dods"))
	}
	if dap2["fnoc1.nc"].arrays == nil || dap2["whoi"].arrays != nil {
		t.Fatal("test server: fnoc1 must be served by constraint, whoi whole")
	}
	srv, requests := dapServer(t, dap2, nil)
	for name := range names {
		t.Run(name, func(t *testing.T) {
			exp := parseCDL(t, string(readReal(t, "Unidata__netcdf-c", name+".expected.cdl")))
			d, err := Open(srv.URL + "/thredds/dodsC/" + name)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			checkAgainstCDL(t, d, exp)
		})
	}
	// fnoc1's variables were read through constrained requests
	constrained := false
	for _, r := range requests() {
		constrained = constrained || strings.Contains(r, "fnoc1.nc.dods?")
	}
	if !constrained {
		t.Errorf("no constrained request: %v", requests())
	}

	// fill-aware reads: fnoc1's missing_value and scale_factor are DAP
	// Strings, so they are not applied (as netCDF-C does not)
	d, err := Open(srv.URL + "/thredds/dodsC/fnoc1.nc")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	u, err := d.Float64s("u")
	if err != nil || u[0] != -1728 {
		t.Errorf("u[0] = %v, %v", u[:1], err)
	}
	if _, err := d.Float64s("nope"); err == nil || !strings.HasPrefix(err.Error(), "thredds: ") {
		t.Errorf("missing variable: %v", err)
	}
	if !strings.HasSuffix(d.Name(), "/thredds/dodsC/fnoc1.nc") {
		t.Errorf("name %q", d.Name())
	}
}

// A dataset found in a catalog opens through its OPeNDAP access.
func TestOpenDatasetRecorded(t *testing.T) {
	dap2 := map[string]*dap2Dataset{"whoi": newDAP2Dataset(t,
		readReal(t, "Unidata__netcdf-c", "whoi.dds"), readReal(t, "Unidata__netcdf-c", "whoi.das"), readReal(t, "Unidata__netcdf-c", "whoi.dods"))}
	srv, _ := dapServer(t, dap2, nil)
	cat := mustParse(t, `<catalog><service name="odap" serviceType="OPeNDAP" base="/thredds/dodsC/"/><dataset name="eMOLT" urlPath="whoi" serviceName="odap"/></catalog>`, srv.URL+"/thredds/catalog.xml")
	d, err := OpenDataset(cat.Datasets[0])
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	temp, err := d.Float64s("emolt_sensor.TEMP")
	if err != nil || len(temp) != 5 || !closeEnough(temp[0], "999.950000416665", "double") {
		t.Errorf("TEMP %v %v", temp, err)
	}
	site, err := d.Strings("emolt_sensor.SITE")
	if err != nil || site[4] != "This is a data test string (pass 8)." {
		t.Errorf("SITE %q %v", site, err)
	}
}

// DAP4 through libnetcdf: the recorded d4ts response. The recordings were
// written by netcdf 4.9.1-development, whose checksums libnetcdf 4.9.0
// rejects ("Checksum mismatch"), hence checksummode=ignore.
func TestOpenDAP4Recorded(t *testing.T) {
	dmr := readReal(t, "Unidata__netcdf-c", "test_one_vararray.nc.dmr")
	dap := readReal(t, "Unidata__netcdf-c", "test_one_vararray.nc.dap")
	// the expected values, decoded from the raw response: a DMR chunk, then
	// a data chunk holding t[2] as little-endian int32
	n := int(dap[1])<<16 | int(dap[2])<<8 | int(dap[3])
	chunk := dap[4+n+4:]
	want := []float64{float64(int32(binary.LittleEndian.Uint32(chunk))), float64(int32(binary.LittleEndian.Uint32(chunk[4:])))}
	srv, _ := dapServer(t, nil, map[string][2][]byte{"test_one_vararray.nc": {dmr, dap}})
	d, err := Open(srv.URL + "/thredds/dap4/test_one_vararray.nc#mode=dap4&checksummode=ignore")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got, err := d.Float64s("t")
	if err != nil || len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("t = %v (%v), want %v", got, err, want)
	}
	if dim, ok := d.Dim("d2"); !ok || dim.Len != 2 {
		t.Errorf("d2 %+v", dim)
	}
}

func TestOpenErrors(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	if _, err := Open(srv.URL + "/thredds/dodsC/none.nc"); err == nil || !strings.HasPrefix(err.Error(), "thredds: open ") {
		t.Errorf("404 dataset: %v", err)
	}
	u, _ := URLWithCredentials(srv.URL+"/thredds/dodsC/none.nc", "user", "secret")
	if _, err := Open(u); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("the password leaks into the error: %v", err)
	}
}
