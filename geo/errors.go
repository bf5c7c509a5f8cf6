package geo

import (
	"errors"
	"strconv"
	"strings"
)

var (
	// ErrInvalidArgument is wrapped by the errors of functions given arguments they
	// cannot use: negative windows in MatchOptions, a malformed Grid, mismatched slice
	// lengths.
	ErrInvalidArgument = errors.New("geo: invalid argument")

	// ErrInvalidGeometry is wrapped by a ParseError when the input is well formed but
	// does not describe a usable region: an unclosed ring, a ring with fewer than 4
	// positions or fewer than 3 distinct ones, a coordinate out of range, an empty
	// geometry.
	ErrInvalidGeometry = errors.New("geo: invalid geometry")

	// ErrUnsupported is wrapped by a ParseError for well-formed input of a kind that is
	// not a region: a GeoJSON Point or LineString, a WKT LINESTRING, a foreign SRID.
	ErrUnsupported = errors.New("geo: unsupported geometry")

	// ErrClosed is returned by a FeatureWriter used after Close.
	ErrClosed = errors.New("geo: feature writer is closed")
)

// ParseError is the error returned by ParseRegion. Its Err wraps ErrInvalidGeometry or
// ErrUnsupported (test with errors.Is), and Offset points at the problem when known.
type ParseError struct {
	Format string // "GeoJSON" or "WKT"
	Offset int    // byte offset in the input where the problem was found, or -1
	Err    error
}

// Error returns "geo: parse <format> at byte <offset>: <reason>".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("geo: parse ")
	b.WriteString(e.Format)
	if e.Offset >= 0 {
		b.WriteString(" at byte ")
		b.WriteString(strconv.Itoa(e.Offset))
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "geo: "))
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
