module github.com/stracedump/stracedump

go 1.26.0

require (
	github.com/gopacket/gopacket v1.7.7
	// Tests only: decode --json's output is checked against the published
	// docs/json-schema.json (draft 2020-12) by a maintained, complete
	// validator, so the test checks the schema users get, not a subset of it
	// we would reimplement.
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/urfave/cli/v2 v2.27.7
	golang.org/x/sys v0.50.0
)

require (
	github.com/cpuguy83/go-md2man/v2 v2.0.7 // indirect
	github.com/russross/blackfriday/v2 v2.1.0 // indirect
	github.com/xrash/smetrics v0.0.0-20240521201337-686a1a2994c1 // indirect
	golang.org/x/net v0.55.0 // indirect
	golang.org/x/text v0.37.0 // indirect
)
