module github.com/stracedump/stracedump

go 1.24.0
