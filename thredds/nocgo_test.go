//go:build !cgo

package thredds

import (
	"errors"
	"testing"

	"github.com/insitu-go/insitu/internal/nc"
)

func TestOpenWithoutCgo(t *testing.T) {
	if _, err := Open("http://127.0.0.1:1/thredds/dodsC/x.nc"); !errors.Is(err, nc.ErrNoNetCDF) {
		t.Fatalf("err %v", err)
	}
}
