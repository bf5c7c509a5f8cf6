package thredds_test

import (
	"context"
	"fmt"
	"html"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/insitu-go/insitu/thredds"
)

// A Client holds the HTTP settings of every catalog, NCSS and download
// request; one client is safe for many goroutines. This server names its
// catalog after the User-Agent it receives.
func ExampleNewClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0" name="%s"/>`, html.EscapeString(r.UserAgent()))
	}))
	defer srv.Close()

	c := thredds.NewClient(
		thredds.WithTimeout(30*time.Second),
		thredds.WithRetries(2, 100*time.Millisecond),
		thredds.WithUserAgent("my-crawler/1.0 (ocean@example.org)"),
	)
	cat, err := c.Catalog(context.Background(), srv.URL+"/thredds/catalog/catalog.xml")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cat.Name)
	// Output:
	// my-crawler/1.0 (ocean@example.org)
}
