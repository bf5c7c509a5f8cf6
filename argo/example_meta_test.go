package argo_test

import (
	"fmt"
	"log"

	"github.com/insitu-go/insitu/argo"
)

// The files of these examples are synthetic: they come from the project's
// generated mini GDAC (testdata/gdac), not from a real float.

func ExampleReadMeta() {
	m, err := argo.ReadMeta("../testdata/gdac/dac/coriolis/6999001/6999001_meta.nc")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Platform, m.PlatformType, m.PlatformMaker, m.FloatSerialNo)
	fmt.Println("launched", m.LaunchDate.Format("2006-01-02 15:04"), "at", m.LaunchLat, m.LaunchLon)
	for _, s := range m.Sensors {
		fmt.Println("sensor", s.Name, s.Model, s.SerialNo)
	}
	for _, ms := range m.Missions {
		park, _ := m.Config(ms.Number, "CONFIG_ParkPressure_dbar")
		cycle, _ := m.Config(ms.Number, "CONFIG_CycleTime_hours")
		fmt.Printf("mission %d: park at %g dbar, %g h cycles\n", ms.Number, park, cycle)
	}
	// Output:
	// 6999001 ARVOR NKE AI2600-20FR101
	// launched 2021-03-02 09:40 at 48.105 -4.842
	// sensor CTD_PRES DRUCK_2900PSIA 29001
	// sensor CTD_TEMP SBE41CP 79001
	// sensor CTD_CNDC SBE41CP 79001
	// mission 1: park at 90 dbar, 240 h cycles
}

func ExampleReadTrajectory() {
	tr, err := argo.ReadTrajectory("../testdata/gdac/dac/coriolis/6999001/6999001_Rtraj.nc")
	if err != nil {
		log.Fatal(err)
	}
	m := &tr.Measurements
	fmt.Println(tr.Platform, tr.Parameters, m.Len(), "measurements,", len(tr.Cycles), "cycles")
	// The surface fixes of cycle 1 (measurement code 703).
	for i := range m.Len() {
		if m.Cycle[i] == 1 && m.MeasurementCode[i] == 703 {
			fmt.Println(m.Time[i].Format("2006-01-02 15:04"), m.Lat[i], m.Lon[i])
		}
	}
	// The park measurements (code 301: a representative value of the drift).
	pres, temp := m.Param("PRES"), m.Param("TEMP")
	for i := range m.Len() {
		if m.MeasurementCode[i] == 301 {
			fmt.Printf("cycle %d: %g dbar, %.3f °C\n", m.Cycle[i], pres.Raw[i], temp.Raw[i])
		}
	}
	c := tr.Cycle(2)
	fmt.Println("cycle 2 descent", c.DescentStart.Time.Format("2006-01-02 15:04"), "ascent end", c.AscentEnd.Time.Format("2006-01-02 15:04"))
	// Output:
	// 6999001 [PRES TEMP PSAL] 30 measurements, 3 cycles
	// 2021-03-12 12:05 48.152 -4.881
	// 2021-03-12 12:23 48.148 -4.87
	// cycle 1: 90 dbar, 11.222 °C
	// cycle 2: 90 dbar, 11.222 °C
	// cycle 3: 90 dbar, 11.222 °C
	// cycle 2 descent 2021-03-12 12:31 ascent end 2021-03-22 11:31
}

func ExampleMeasurements_At() {
	tr, err := argo.ReadTrajectory("../testdata/gdac/dac/coriolis/6999001/6999001_Rtraj.nc")
	if err != nil {
		log.Fatal(err)
	}
	r := tr.Measurements.At(2)
	fmt.Println(r.Cycle, r.MeasurementCode, r.Time.Format("2006-01-02 15:04"), r.Values["PRES"].Raw, r.Values["PRES"].RawQC)
	// Output:
	// 1 301 2021-03-07 12:11 90 1
}

func ExampleReadTech() {
	tc, err := argo.ReadTech("../testdata/gdac/dac/coriolis/6999001/6999001_tech.nc")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tc.Platform, len(tc.Params), "entries")
	for _, p := range tc.Entries("VOLTAGE_BatteryInitialAtProfileDepth_volts") {
		fmt.Printf("cycle %d: %s V\n", p.Cycle, p.Value)
	}
	flag, _ := tc.Float("FLAG_ProfileTermination_hex", 1)
	fmt.Printf("termination flag of cycle 1: %#04x\n", int(flag))
	// Output:
	// 6999001 15 entries
	// cycle 1: 10.90 V
	// cycle 2: 10.87 V
	// cycle 3: 10.87 V
	// termination flag of cycle 1: 0x0400
}
