//go:build !cgo

package nc

import "fmt"

// Writer creates one NetCDF file through libnetcdf. In this build, without
// cgo, no Writer can be created: [Create] returns [ErrNoNetCDF].
type Writer struct{}

// Create needs libnetcdf: built without cgo it always returns an error
// wrapping [ErrNoNetCDF].
func Create(path string, format Format) (*Writer, error) {
	return nil, fmt.Errorf("nc: create %s (%v): %w", path, format, ErrNoNetCDF)
}

// AddDim returns [ErrNoNetCDF] in a build without cgo.
func (w *Writer) AddDim(name string, length int) error { return ErrNoNetCDF }

// AddVar returns [ErrNoNetCDF] in a build without cgo.
func (w *Writer) AddVar(name string, t Type, dims []string, attrs ...Attr) error {
	return ErrNoNetCDF
}

// PutAttr returns [ErrNoNetCDF] in a build without cgo.
func (w *Writer) PutAttr(varName string, a Attr) error { return ErrNoNetCDF }

// Write returns [ErrNoNetCDF] in a build without cgo.
func (w *Writer) Write(name string, data any) error { return ErrNoNetCDF }

// Close does nothing in a build without cgo.
func (w *Writer) Close() error { return nil }
