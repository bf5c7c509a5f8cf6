package thredds

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"strings"

	"github.com/insitu-go/insitu/internal/nc"
)

// Types of the netCDF data model, shared with the rest of insitu.
type (
	// Dim is a netCDF dimension.
	Dim = nc.Dim
	// Var describes a netCDF variable: type, dimension names, shape, attributes.
	Var = nc.Var
	// Attr is a netCDF attribute; see nc.Attr for the Go types of Value.
	Attr = nc.Attr
	// Type is a netCDF external type (byte, char, short, int, float, double, ...).
	Type = nc.Type
)

// Data is an open netCDF dataset: a remote OPeNDAP/DAP4 dataset opened by
// [Open], or an NCSS netCDF response opened by [NCSSResponse.Open]. Reads
// are typed and fill-aware. A Data is safe for concurrent use; remote reads
// go through libnetcdf one at a time.
type Data struct {
	f    *nc.File
	name string
}

// Open opens a remote dataset through libnetcdf: an OPeNDAP (DAP2) URL as
// the catalog gives it, or a DAP4 URL with the "#dap4" fragment (or the
// dap4:// scheme). libnetcdf's client parameters can be given as fragments
// (#fillmismatch, #noprefetch, #maxstrlen=N, #log, ...) or as the legacy
// bracketed prefixes ("[log]http://..."). Only http, https, dap4 and dods
// URLs are opened. libnetcdf 4.9.0 rejects the DAP4 checksums of some
// servers ("Checksum mismatch"): "#mode=dap4&checksummode=ignore" reads
// such datasets.
//
// DAP2 sequences appear as dimensions named after the sequence and their
// fields as dot-named variables ("emolt_sensor.TEMP"); DAP Strings become
// char variables with a maxStrlen64 dimension, read with [Data.Strings].
//
// Credentials: libnetcdf does not use the client's options. Put them in
// the URL (see [URLWithCredentials]), or in a netCDF runtime configuration
// file (.ncrc, .daprc or .dodsrc in $HOME or the working directory, or the
// file named by the NCRCENV_RC environment variable, read when libnetcdf
// initialises: set it before the first netCDF call of the process). [WriteRC]
// writes one: HTTP.CREDENTIALS.USERNAME/PASSWORD, HTTP.NETRC (a .netrc file
// for redirect-based logins such as Earthdata) and HTTP.COOKIEJAR.
//
// Built without cgo, Open returns an error wrapping nc.ErrNoNetCDF.
func Open(rawURL string) (*Data, error) {
	u := strings.TrimSpace(rawURL)
	if err := checkDataURL(u); err != nil {
		return nil, err
	}
	f, err := nc.OpenURL(u)
	if err != nil {
		return nil, &redactedError{msg: fmt.Sprintf("thredds: open %s: %s", redact(u), strings.ReplaceAll(err.Error(), u, redact(u))), err: err}
	}
	return &Data{f: f, name: redact(u)}, nil
}

// OpenDataset opens a catalog dataset through its OPeNDAP access, or its
// DAP4 access (with "#dap4") when it has no OPeNDAP one. A dataset with
// neither gives [ErrNoService].
func OpenDataset(ds *Dataset) (*Data, error) {
	var dap4 string
	for _, a := range ds.Access() {
		switch a.ServiceType {
		case ServiceOPENDAP:
			return Open(a.URL)
		case ServiceDAP4:
			if dap4 == "" {
				dap4 = a.URL
			}
		}
	}
	if dap4 != "" {
		if !strings.Contains(dap4, "#") {
			dap4 += "#dap4"
		}
		return Open(dap4)
	}
	return nil, fmt.Errorf("%w: %s has no OPeNDAP or DAP4 access", ErrNoService, ds.Name)
}

// OpenBytes opens a netCDF file held in memory (an NCSS netCDF response or
// an HTTPServer download): classic netCDF is decoded in pure Go, netCDF-4
// through libnetcdf (an error wrapping nc.ErrNoNetCDF without cgo). name is
// used in messages. data must not change while the Data is open.
func OpenBytes(name string, data []byte) (*Data, error) {
	f, err := nc.OpenBytes(memName(name), data)
	if err != nil {
		return nil, fmt.Errorf("thredds: open %s: %w", redact(name), err)
	}
	return &Data{f: f, name: redact(name)}, nil
}

// memName turns a name into one libnetcdf will not read as a URL: given
// "http://...", nc_open_memio parses the name and takes the bytes for a
// DAP server's ("Malformed or unexpected Constraint").
func memName(name string) string {
	if !strings.Contains(name, ":") {
		return name
	}
	if u, err := url.Parse(name); err == nil && u.Path != "" {
		if b := path.Base(u.Path); b != "." && b != "/" {
			return b
		}
	}
	return "memory.nc"
}

func checkDataURL(u string) error {
	rest := u
	for strings.HasPrefix(rest, "[") {
		i := strings.IndexByte(rest, ']')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
	}
	i := strings.Index(rest, "://")
	if i > 0 {
		switch strings.ToLower(rest[:i]) {
		case "http", "https", "dap4", "dods":
			return nil
		}
	}
	return fmt.Errorf("%w: %q (Open reads http, https, dap4 and dods URLs)", ErrUnsupportedScheme, truncate(redact(u), 200))
}

// redactedError keeps a password out of an error message (libnetcdf's
// messages quote the URL) while still unwrapping to the cause.
type redactedError struct {
	msg string
	err error
}

// Error returns the message with the password hidden.
func (e *redactedError) Error() string { return e.msg }

// Unwrap returns libnetcdf's error.
func (e *redactedError) Unwrap() error { return e.err }

// redact hides the password of a URL in messages.
func redact(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	if u, err := url.Parse(s); err == nil && u.User != nil {
		return u.Redacted()
	}
	return s
}

// Name returns the URL or name the dataset was opened with.
func (d *Data) Name() string { return d.name }

// Dims returns the dimensions.
func (d *Data) Dims() []Dim { return d.f.Dims }

// Vars returns the variables in file order.
func (d *Data) Vars() []*Var { return d.f.Vars }

// Attrs returns the global attributes.
func (d *Data) Attrs() []Attr { return d.f.Attrs }

// Var returns the named variable, or nil.
func (d *Data) Var(name string) *Var { return d.f.Var(name) }

// Dim returns the named dimension.
func (d *Data) Dim(name string) (Dim, bool) { return d.f.Dim(name) }

// Attr returns the named global attribute.
func (d *Data) Attr(name string) (Attr, bool) { return d.f.Attr(name) }

// Float64s reads a numeric variable with the CF conventions applied:
// _FillValue (or the type's default fill), missing_value, NaN and ±Inf
// become NaN, and scale_factor/add_offset are applied.
func (d *Data) Float64s(name string) ([]float64, error) {
	v, err := d.f.Float64s(name)
	return v, wrapData(err)
}

// Ints reads an integer variable; fill and missing values become missing.
func (d *Data) Ints(name string, missing int) ([]int, error) {
	v, err := d.f.Ints(name, missing)
	return v, wrapData(err)
}

// Strings reads a char variable as fixed-width strings (the last dimension
// is the width; trailing spaces and NULs trimmed) or a string variable.
func (d *Data) Strings(name string) ([]string, error) {
	v, err := d.f.Strings(name)
	return v, wrapData(err)
}

// Values reads a variable's raw values as a typed slice ([]int16,
// []float64, []byte for char, ...), with no fill or scaling applied.
func (d *Data) Values(name string) (any, error) {
	v, err := d.f.Values(name)
	return v, wrapData(err)
}

// Close releases the dataset.
func (d *Data) Close() error { return wrapData(d.f.Close()) }

func wrapData(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("thredds: %w", err)
}

// URLWithCredentials returns rawURL with user and password in its userinfo,
// escaped as libnetcdf expects ('@' as %40, ':' as %3A), for [Open]. Keep
// such URLs out of logs.
func URLWithCredentials(rawURL, user, password string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("thredds: %w", err)
	}
	u.User = url.UserPassword(user, password)
	return u.String(), nil
}

// RCEntry is one line of a netCDF runtime configuration file (.ncrc):
// KEY=VALUE, limited to one server when URL is set ("[https://host:port/path]KEY=VALUE").
type RCEntry struct {
	URL   string // optional: the server (and path prefix) the entry applies to
	Key   string // HTTP.CREDENTIALS.USERNAME, HTTP.NETRC, HTTP.COOKIEJAR, HTTP.SSL.VERIFYPEER, ...
	Value string
}

// String returns the entry as a line of an rc file (without newline).
func (e RCEntry) String() string {
	if e.URL != "" {
		return "[" + e.URL + "]" + e.Key + "=" + e.Value
	}
	return e.Key + "=" + e.Value
}

// CredentialsRC returns the rc entries that give libnetcdf a user name and
// password for one server (serverURL, e.g. "https://host:8443/thredds"), or
// for every server when serverURL is "".
func CredentialsRC(serverURL, user, password string) []RCEntry {
	return []RCEntry{
		{URL: serverURL, Key: "HTTP.CREDENTIALS.USERNAME", Value: user},
		{URL: serverURL, Key: "HTTP.CREDENTIALS.PASSWORD", Value: password},
	}
}

// WriteRC writes a netCDF runtime configuration file (mode 0600) holding
// the entries. Point libnetcdf at it with the NCRCENV_RC environment
// variable before the process's first netCDF call, or name it .ncrc in
// $HOME or the working directory. Values may not contain line breaks.
func WriteRC(path string, entries ...RCEntry) error {
	var b strings.Builder
	for _, e := range entries {
		if strings.ContainsAny(e.URL+e.Key+e.Value, "\r\n") || strings.Contains(e.Key, "=") || e.Key == "" {
			return fmt.Errorf("thredds: rc entry %q: keys must be non-empty without '=', and no field may hold a line break", e.Key)
		}
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("thredds: %w", err)
	}
	return nil
}
