package nc_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/insitu-go/insitu/internal/nc"
)

// The mini GDAC written by the project's generator.
const profileFile = "../../testdata/gdac/dac/coriolis/6999001/profiles/D6999001_001.nc"

func ExampleOpen() {
	f, err := nc.Open(profileFile)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	fmt.Println(f.Format)
	d, _ := f.Dim("N_PROF")
	fmt.Println(d.Name, d.Len)
	v := f.Var("TEMP")
	fmt.Println(v.Name, v.Type, v.Dims)
	fill, _ := v.Attr("_FillValue")
	fmt.Println(fill.Float64s())
	// Output:
	// classic
	// N_PROF 2
	// TEMP float [N_PROF N_LEVELS]
	// [99999]
}

func ExampleFile_Strings() {
	f, err := nc.Open(profileFile)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	platforms, _ := f.Strings("PLATFORM_NUMBER") // (N_PROF, STRING8): one string per profile
	modes, _ := f.Strings("DATA_MODE")           // (N_PROF): one char per profile, one string
	fmt.Printf("%q %q\n", platforms, modes)
	// Output:
	// ["6999001" "6999001"] ["DA"]
}

func ExampleFile_Float64s() {
	f, err := nc.Open(profileFile)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	pres, _ := f.Float64s("PRES") // 99999 fill values are NaN
	fmt.Println(len(pres), pres[0])
	// Output:
	// 38 10
}

func ExampleOpenBytes() {
	data, err := os.ReadFile(profileFile)
	if err != nil {
		log.Fatal(err)
	}
	f, err := nc.OpenBytes("D6999001_001.nc", data)
	if err != nil {
		log.Fatal(err)
	}
	cycles, _ := f.Ints("CYCLE_NUMBER", -1)
	fmt.Println(cycles)
	// A truncated copy is refused with a typed error, never a crash.
	_, err = nc.OpenBytes("truncated.nc", data[:len(data)/2])
	var fe *nc.FormatError
	fmt.Println(errors.As(err, &fe))
	// Output:
	// [1 1]
	// true
}

func ExampleNewReader() {
	data, err := os.ReadFile(profileFile)
	if err != nil {
		log.Fatal(err)
	}
	f, err := nc.NewReader(bytes.NewReader(data), int64(len(data)), "D6999001_001.nc")
	if err != nil {
		log.Fatal(err)
	}
	lat, _ := f.Float64s("LATITUDE")
	fmt.Printf("%.3f\n", lat[0])
	// Output:
	// 48.152
}
