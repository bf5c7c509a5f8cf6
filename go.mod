module github.com/insitu-go/insitu

go 1.24.0

require (
	github.com/fhs/go-netcdf v1.2.1 // indirect
	github.com/paulmach/orb v0.14.0 // indirect
	go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)
