// Package docs holds the user documentation. The capture interface's help
// is embedded from here, so that install can put it where the Help button
// of Wireshark's options dialog finds it.
package docs

import "embed"

// Help is the capture interface's help: extcap.md and the pages it links to.
//
//go:embed extcap.md filters.md
var Help embed.FS

// HelpPage is the page the Help button opens, in Help.
const HelpPage = "extcap.md"
