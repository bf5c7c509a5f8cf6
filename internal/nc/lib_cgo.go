//go:build cgo

package nc

import "sync"

// libMu serialises every call into libnetcdf and HDF5, which are not
// thread-safe. It is the one piece of package-level mutable state in insitu.
// I/O that does not need the library (network, disk reads) happens outside it.
var libMu sync.Mutex
