package argo_test

import (
	"context"
	"fmt"
	"log"

	"github.com/insitu-go/insitu/argo"
)

func ExampleQC() {
	for _, q := range []argo.QC{argo.ParseQC('1'), argo.ParseQC('3'), argo.ParseQC('8'), argo.ParseQC(0)} {
		fmt.Printf("%q good %v good-or-changed %v\n", q.String(), q.Good(), q.GoodOrChanged())
	}
	// Output:
	// "1" good true good-or-changed true
	// "3" good false good-or-changed false
	// "8" good false good-or-changed true
	// "" good false good-or-changed false
}

func ExampleMode() {
	for _, m := range []argo.Mode{argo.ParseMode('R'), argo.ParseMode('a'), argo.ParseMode('D'), argo.ParseMode(' ')} {
		fmt.Printf("%q uses adjusted values: %v\n", m.String(), m.UsesAdjusted())
	}
	// Output:
	// "R" uses adjusted values: false
	// "A" uses adjusted values: true
	// "D" uses adjusted values: true
	// "" uses adjusted values: false
}

func ExampleParseUserMode() {
	m, ok := argo.ParseUserMode("research")
	fmt.Println(m, ok, argo.UserMode(0)) // the zero UserMode is Standard, argopy's default
	// Output:
	// research true standard
}

func ExampleProfile_Param() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	p := profiles[0]
	temp := p.Param("TEMP")
	fmt.Println(temp.Name, temp.Units, temp.Mode, len(temp.Raw), p.Param("DOXY") == nil)
	fmt.Println(p.Direction, p.Grades["TEMP"], argo.GradeOf(temp.AdjustedQC))
	// Output:
	// TEMP degree_Celsius D 19 true
	// A A A
}

// Profiles streams: breaking out of the loop stops the downloads.
func ExampleGDAC_Profiles() {
	gdac, err := argo.NewGDAC("../testdata/gdac", argo.WithConcurrency(2))
	if err != nil {
		log.Fatal(err)
	}
	q := argo.Query{Platforms: []string{"6999003"}, PresMax: 100, Mode: argo.Expert}
	for p, err := range gdac.Profiles(context.Background(), q) {
		if err != nil {
			log.Fatal(err)
		}
		pres, _, _ := p.Param("PRES").Best()
		fmt.Printf("%s %s: %d levels from %.0f to %.0f dbar\n", p.ID(), p.File.FormatVersion, p.Levels(), pres[0], pres[len(pres)-1])
		break
	}
	// Output:
	// 6999003_011 2.2: 15 levels from 5 to 100 dbar
}
