//go:build cgo

package nc

// #cgo pkg-config: hdf5
// #include <hdf5.h>
// static void insitu_quiet_hdf5(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
import "C"

import "sync"

// libMu serialises every call into libnetcdf and HDF5, which are not
// thread-safe. It is the one piece of package-level mutable state in insitu.
// I/O that does not need the library (network, disk reads) happens outside it.
var libMu sync.Mutex

// quietHDF5 stops HDF5 from printing its error stack to stderr: libnetcdf
// 4.9.0 probes optional attributes (_QuantizeBitGroom...) on every
// NetCDF-4 variable and each miss would print a trace. Errors still reach the
// caller through libnetcdf's return codes. The caller holds libMu.
func quietHDF5() { C.insitu_quiet_hdf5() }
