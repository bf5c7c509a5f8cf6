package argo_test

import (
	"fmt"
	"log"
	"os"

	"github.com/insitu-go/insitu/argo"
)

// Files of the mini GDAC the project generates (testdata/gdac).
const (
	coreFile = "../testdata/gdac/dac/coriolis/6999001/profiles/D6999001_001.nc"
	bFile    = "../testdata/gdac/dac/coriolis/6999002/profiles/BD6999002_001.nc"
	core2    = "../testdata/gdac/dac/coriolis/6999002/profiles/D6999002_001.nc"
)

func ExampleReadProfiles() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range profiles {
		fmt.Printf("%s mode %s primary %v: %d levels at %.3f°N %.3f°E on %s\n",
			p.ID(), p.DataMode, p.Primary(), p.Levels(), p.Lat, p.Lon, p.Time.Format("2006-01-02 15:04"))
	}
	// Output:
	// 6999001_001 mode D primary true: 19 levels at 48.152°N -4.881°E on 2021-03-12 11:42
	// 6999001_001 mode A primary false: 9 levels at 48.152°N -4.881°E on 2021-03-12 11:42
}

func ExampleDecodeProfiles() {
	data, err := os.ReadFile(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	profiles, err := argo.DecodeProfiles("D6999001_001.nc", data)
	fmt.Println(len(profiles), err)
	_, err = argo.DecodeProfiles("error.nc", []byte("<html>502 Bad Gateway</html>"))
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// argo: not an Argo file: error.nc: nc: not a NetCDF file: error.nc starts with "<html>50"
}

func ExampleParam_Best() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	psal := profiles[0].Param("PSAL")
	values, flags, errs := psal.Best() // mode D: the adjusted values, flags and errors
	fmt.Printf("%s %.3f %s %.2f\n", psal.Mode, values[0], flags[0], errs[0])
	// Output:
	// D 35.267 1 0.01
}

func ExamplePoints() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	for _, mode := range []argo.UserMode{argo.Expert, argo.Standard, argo.Research} {
		points := argo.Points(profiles, mode)
		fmt.Printf("%s: %d points\n", mode, len(points))
	}
	pt := argo.Points(profiles, argo.Standard)[0]
	temp, _ := pt.Value("TEMP")
	fmt.Printf("%.1f dbar: TEMP %.3f (flag %s, mode %s)\n", pt.Pres, temp.Value, temp.QC, temp.Mode)
	// Output:
	// expert: 28 points
	// standard: 28 points
	// research: 19 points
	// 9.9 dbar: TEMP 11.364 (flag 1, mode D)
}

func ExampleFilter() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	kept := argo.Filter(profiles, argo.Research) // delayed mode only
	fmt.Println(len(profiles), len(kept), kept[0].Levels())
	// Output:
	// 2 1 19
}

func ExampleGradeOf() {
	flags := []argo.QC("1111111124")
	fmt.Println(argo.GradeOf(flags)) // 8 good (1, 2) of 9 counted: 89% is grade B
	// Output:
	// B
}

func ExampleInterpStdLevels() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	std, err := argo.InterpStdLevels(profiles[0], []float64{10, 20, 50})
	if err != nil {
		log.Fatal(err)
	}
	for i, p := range std.Pres {
		fmt.Printf("%.0f dbar: %.3f °C\n", p, std.Values["TEMP"][i])
	}
	// Output:
	// 10 dbar: 11.364 °C
	// 20 dbar: 11.366 °C
	// 50 dbar: 11.277 °C
}

func ExamplePressureBins() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	bins, err := argo.PressureBins(profiles[0], []float64{0, 25, 50, 100}, argo.SelectMean)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.3f\n", bins.Values["TEMP"])
	// Output:
	// [11.364 11.337 11.212]
}

func ExampleJoinBGC() {
	core, err := argo.ReadProfiles(core2)
	if err != nil {
		log.Fatal(err)
	}
	b, err := argo.ReadProfiles(bFile)
	if err != nil {
		log.Fatal(err)
	}
	joined, err := argo.JoinBGC(core, b)
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range joined[0].Params {
		fmt.Print(q.Name, ":", q.Mode, " ")
	}
	fmt.Println()
	// Output:
	// PRES:D TEMP:D PSAL:D TEMP_DOXY:R DOXY:D
}

func ExampleWriteCSV() {
	profiles, err := argo.ReadProfiles(coreFile)
	if err != nil {
		log.Fatal(err)
	}
	points := argo.Points(profiles, argo.Standard)
	if err := argo.WriteCSV(os.Stdout, points[:2]); err != nil {
		log.Fatal(err)
	}
	// Output:
	// platform_number,cycle_number,direction,data_mode,time,latitude,longitude,position_qc,pres,pres_qc,pres_error,TEMP,TEMP_qc,TEMP_error,TEMP_data_mode,PSAL,PSAL_qc,PSAL_error,PSAL_data_mode
	// 6999001,1,A,D,2021-03-12T11:42:00Z,48.152,-4.881,1,9.9,1,2.4,11.364,1,0.002,D,35.267,1,0.01,D
	// 6999001,1,A,D,2021-03-12T11:42:00Z,48.152,-4.881,1,15.1,1,2.4,11.363,1,0.002,D,35.272,1,0.01,D
}
