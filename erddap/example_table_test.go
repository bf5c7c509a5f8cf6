package erddap_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/insitu-go/insitu/erddap"
)

// An ERDDAP .csv response: column names, units, then rows; NaN for missing
// numbers, ISO 8601 times.
const exampleCSV = `platform,time,latitude,temperature,cycle
,UTC,degrees_north,degree_C,
6902746,2024-05-01T10:00:00Z,43.25,13.5,12
6902746,2024-05-11T10:00:00Z,43.61,NaN,13
6902747,2024-05-21T10:00:00Z,44.02,14.25,NaN
`

func ExampleDecodeTable() {
	t, err := erddap.DecodeTable(strings.NewReader(exampleCSV), ".csv")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.Len(), "rows")
	for _, c := range t.Columns {
		fmt.Printf("%s (%s): %s %s\n", c.Name, c.Units, c.Type, c.Kind)
	}
	fmt.Println(t.Float64s("temperature"))
	fmt.Println(t.Times("time")[2].Format("2006-01-02"))
	cycles, missing, _ := t.Int64s("cycle")
	fmt.Println(cycles, missing)
	fmt.Printf("%q\n", t.Strings("platform"))
	// Output:
	// 3 rows
	// platform (): long Int64
	// time (UTC): String Time
	// latitude (degrees_north): double Float64
	// temperature (degree_C): double Float64
	// cycle (): long Int64
	// [13.5 NaN 14.25]
	// 2024-05-21
	// [12 13 0] [false false true]
	// ["6902746" "6902746" "6902747"]
}

func ExampleDecodeOptions() {
	// Without declared types, "platform" looks like a number: a hint keeps
	// it a String (and makes a value that does not fit an error).
	o := erddap.DecodeOptions{Types: map[string]string{"platform": "String", "cycle": "int"}}
	t, err := o.DecodeTable(strings.NewReader(exampleCSV), ".csv")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", t.Strings("platform"))
	fmt.Println(t.Column("cycle").Type)
	// Output:
	// ["6902746" "6902746" "6902747"]
	// int
}

func ExampleDecodeRows() {
	for row, err := range erddap.DecodeRows(strings.NewReader(exampleCSV), ".csv") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(row.Time("time").Format("Jan 2"), row.Float64("latitude"), row.Float64("temperature"))
	}
	// A body cut mid-row ends with a *DecodeError after the whole rows.
	cut := exampleCSV[:len(exampleCSV)-5]
	for _, err := range erddap.DecodeRows(strings.NewReader(cut), ".csv") {
		var de *erddap.DecodeError
		if errors.As(err, &de) {
			fmt.Println(de.Line, errors.Is(err, erddap.ErrTruncated))
		}
	}
	// Output:
	// May 1 43.25 13.5
	// May 11 43.61 NaN
	// May 21 44.02 14.25
	// 5 true
}

// An .nccsv response (what Client.Table and Client.Rows ask for): declared
// types, attributes, and an end marker.
const exampleNCCSV = `*GLOBAL*,Conventions,"COARDS, CF-1.6, ACDD-1.3, NCCSV-1.2"
*GLOBAL*,title,Example floats
platform_number,*DATA_TYPE*,String
time,*DATA_TYPE*,String
time,units,yyyy-MM-dd'T'HH:mm:ssZ
pres,*DATA_TYPE*,float
pres,units,decibar
pres,_FillValue,99999.0f
n_obs,*DATA_TYPE*,ulong

*END_METADATA*
platform_number,time,pres,n_obs
6902746,2024-05-01T10:00:00Z,5.2,18446744073709551615
6902746,2024-05-01T10:00:00Z,99999.0,1
*END_DATA*
`

func exampleServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/erddap/tabledap/ArgoFloats.nccsv") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv;charset=ISO-8859-1")
		fmt.Fprint(w, exampleNCCSV)
	}))
}

func ExampleClient_Table() {
	srv := exampleServer()
	defer srv.Close()
	c, err := erddap.NewClient(srv.URL + "/erddap")
	if err != nil {
		log.Fatal(err)
	}
	q := erddap.NewTableQuery("ArgoFloats").Select("platform_number", "time", "pres", "n_obs")
	t, err := c.Table(context.Background(), q)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.GlobalAttr("title"))
	for _, col := range t.Columns {
		fmt.Printf("%s %s %s %q\n", col.Name, col.Type, col.Kind, col.Units)
	}
	fmt.Println(t.Float64s("pres"), t.Column("n_obs").Uint64s[0])
	// Output:
	// Example floats
	// platform_number String String ""
	// time String Time "yyyy-MM-dd'T'HH:mm:ssZ"
	// pres float Float64 "decibar"
	// n_obs ulong Uint64 ""
	// [5.2 NaN] 18446744073709551615
}

func ExampleClient_Rows() {
	srv := exampleServer()
	defer srv.Close()
	c, err := erddap.NewClient(srv.URL + "/erddap")
	if err != nil {
		log.Fatal(err)
	}
	q := erddap.NewTableQuery("ArgoFloats").Select("platform_number", "time", "pres", "n_obs")
	for row, err := range c.Rows(context.Background(), q) {
		if err != nil {
			log.Fatal(err)
		}
		n, _ := row.Uint64("n_obs")
		fmt.Println(row.String("platform_number"), row.Time("time").Year(), row.Float64("pres"), n)
	}
	// Output:
	// 6902746 2024 5.2 18446744073709551615
	// 6902746 2024 NaN 1
}
