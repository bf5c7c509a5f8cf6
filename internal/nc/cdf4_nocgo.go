//go:build !cgo

package nc

import "fmt"

func openHDF5Path(path string, size int64) (*File, error) {
	return nil, fmt.Errorf("nc: open %s (netCDF-4/HDF5): %w", path, ErrNoNetCDF)
}

func openHDF5Bytes(name string, data []byte) (*File, error) {
	return nil, fmt.Errorf("nc: open %s (netCDF-4/HDF5): %w", name, ErrNoNetCDF)
}

// OpenURL opens a remote dataset through OPeNDAP (DAP2, or DAP4 with the
// "#dap4" fragment) with libnetcdf. This build has no cgo: it returns
// [ErrNoNetCDF].
func OpenURL(url string) (*File, error) {
	return nil, fmt.Errorf("nc: open %s: %w", url, ErrNoNetCDF)
}

// OpenClassicWithLibrary opens a classic file through libnetcdf. This build
// has no cgo: it returns [ErrNoNetCDF].
func OpenClassicWithLibrary(path string) (*File, error) {
	return nil, fmt.Errorf("nc: open %s: %w", path, ErrNoNetCDF)
}
