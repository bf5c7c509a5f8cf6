// Package version holds the library version sent in User-Agent headers.
package version

// Version is the version of the insitu module.
const Version = "0.1.0-dev"

// UserAgent is the default User-Agent of every HTTP client in insitu.
const UserAgent = "insitu/" + Version + " (+https://github.com/insitu-go/insitu)"
