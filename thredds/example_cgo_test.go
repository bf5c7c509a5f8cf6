//go:build cgo

package thredds_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"log"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/insitu-go/insitu/thredds"
)

// dap2Station answers the three DAP2 requests libnetcdf makes for a small
// station time series: URL.dds, URL.das and URL.dods.
func dap2Station() http.Handler {
	const dds = "Dataset {\n    Float64 time[time = 3];\n    Float32 temp[time = 3];\n} station.nc;\n"
	const das = `Attributes {
    time { String units "days since 2024-01-01"; }
    temp { String units "degree_Celsius"; Float32 _FillValue -999.0; }
}
`
	var dods bytes.Buffer
	dods.WriteString(dds + "Data:\n")
	binary.Write(&dods, binary.BigEndian, []uint32{3, 3})
	binary.Write(&dods, binary.BigEndian, []float64{0, 1, 2})
	binary.Write(&dods, binary.BigEndian, []uint32{3, 3})
	binary.Write(&dods, binary.BigEndian, []float32{12.5, -999, 13.25})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, ".dds"):
			w.Write([]byte(dds))
		case strings.HasSuffix(r.URL.Path, ".das"):
			w.Write([]byte(das))
		case strings.HasSuffix(r.URL.Path, ".dods"):
			w.Write(dods.Bytes()) // libnetcdf asks for ?time,temp: all of it
		default:
			http.NotFound(w, r)
		}
	})
}

// Open reads an OPeNDAP dataset through libnetcdf; fill values become NaN.
func ExampleOpen() {
	srv := httptest.NewServer(dap2Station())
	defer srv.Close()

	d, err := thredds.Open(srv.URL + "/thredds/dodsC/station.nc")
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()
	temp, err := d.Float64s("temp")
	if err != nil {
		log.Fatal(err)
	}
	units, _ := d.Var("temp").Attr("units")
	fmt.Println(units.String(), temp, math.IsNaN(temp[1]))
	// Output:
	// degree_Celsius [12.5 NaN 13.25] true
}
