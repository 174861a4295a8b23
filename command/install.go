package command

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/stracedump/stracedump/docs"
	"github.com/stracedump/stracedump/extcap"
	"github.com/stracedump/stracedump/lua"
)

func installCommand() *cli.Command {
	return &cli.Command{
		Name:  "install",
		Usage: "make the strace capture interface and dissector available to Wireshark",
		Description: "Copies this binary into Wireshark's extcap folder, the Lua dissector into its\n" +
			"Lua plugins folder and the \"strace\" configuration profile into its profiles,\n" +
			"asking the installed tshark where they go (-G folders), and the capture\n" +
			"interface's help pages into ~/.local/share/doc/stracedump, where the Help\n" +
			"button of its options dialog opens them. Personal folders by default;\n" +
			"--system for the global ones (help in /usr/local/share/doc/stracedump).\n\n" +
			"With --remote HOST, copies this binary onto HOST through the system ssh client\n" +
			"instead (after checking that HOST's machine runs it), where the strace\n" +
			"interface's Remote tab and Wireshark's sshdump run it (docs/remote.md).",
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "system", Usage: "install into the global folders (needs root)"},
			&cli.BoolFlag{Name: "dry-run", Usage: "only say where things would go"},
		}, remoteInstallFlags()...),
		Action: func(c *cli.Context) error { return install(c, false) },
	}
}

func uninstallCommand() *cli.Command {
	return &cli.Command{
		Name:  "uninstall",
		Usage: "remove what install put in Wireshark's folders",
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "system", Usage: "remove from the global folders"},
			&cli.BoolFlag{Name: "dry-run", Usage: "only say what would be removed"},
		}, remoteInstallFlags()...),
		Action: func(c *cli.Context) error { return install(c, true) },
	}
}

// wiresharkFolders are where one Wireshark version looks for our pieces.
type wiresharkFolders struct {
	Version  string   // tshark's version, "" when no tshark was found
	Extcap   []string // extcap folders (4.0 and 4.2+ differ; without tshark both)
	Lua      string   // Lua plugins folder
	Profiles string   // configuration profiles folder
}

// findFolders asks tshark where its folders are (tshark -G folders), and
// falls back to the folders Wireshark 4.0 to 4.6 use.
func findFolders(system bool) (wiresharkFolders, error) {
	home, err := os.UserHomeDir()
	if err != nil && !system {
		return wiresharkFolders{}, fmt.Errorf("no home directory to install into: %w", err)
	}
	config := filepath.Join(home, ".config", "wireshark")
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" {
		config = filepath.Join(x, "wireshark")
	}
	f := wiresharkFolders{
		// Without tshark to ask: 4.0 reads the first, 4.2 and later the second.
		Extcap:   []string{filepath.Join(config, "extcap"), filepath.Join(home, ".local", "lib", "wireshark", "extcap")},
		Lua:      filepath.Join(home, ".local", "lib", "wireshark", "plugins"),
		Profiles: filepath.Join(config, "profiles"),
	}
	if system {
		f = wiresharkFolders{
			Extcap:   []string{"/usr/lib/x86_64-linux-gnu/wireshark/extcap", "/usr/libexec/wireshark/extcap"},
			Lua:      "/usr/lib/x86_64-linux-gnu/wireshark/plugins",
			Profiles: "/usr/share/wireshark/profiles",
		}
	}
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		return f, nil
	}
	out, err := exec.Command(tshark, "-G", "folders").Output()
	if err != nil {
		return f, nil
	}
	if v, err := exec.Command(tshark, "--version").Output(); err == nil {
		// "TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as ...)"
		line, _, _ := strings.Cut(string(v), "\n")
		for _, w := range strings.Fields(line) {
			if w[0] >= '0' && w[0] <= '9' {
				f.Version = w
				break
			}
		}
	}
	folders := parseFolders(out)
	pick := func(keys ...string) string {
		for _, k := range keys {
			if v := folders[k]; v != "" {
				return v
			}
		}
		return ""
	}
	if system {
		if v := pick("Global Extcap path", "Extcap path"); v != "" {
			f.Extcap = []string{v}
		}
		if v := pick("Global Lua Plugins"); v != "" {
			f.Lua = v
		}
		if v := pick("Global configuration"); v != "" {
			f.Profiles = filepath.Join(v, "profiles")
		}
		return f, nil
	}
	// 4.2+ lists its personal extcap folder; 4.0 reads PERSONAL_CONFIG/extcap
	// without listing it.
	if v := pick("Personal Extcap path"); v != "" {
		f.Extcap = []string{v}
	} else if v := pick("Personal configuration"); v != "" {
		f.Extcap = []string{filepath.Join(v, "extcap")}
	}
	if v := pick("Personal Lua Plugins"); v != "" {
		f.Lua = v
	}
	if v := pick("Personal configuration"); v != "" {
		f.Profiles = filepath.Join(v, "profiles")
	}
	return f, nil
}

// parseFolders reads "Name:<tab>path" lines; repeated names keep the first.
func parseFolders(out []byte) map[string]string {
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if _, seen := m[k]; !seen && v != "" {
			m[k] = v
		}
	}
	return m
}

// Names of what install places, relative to each folder.
const (
	extcapName = "stracedump"
	luaDir     = "stracedump"
	profile    = "strace"
)

func install(c *cli.Context, remove bool) error {
	if c.IsSet("remote") {
		return installRemote(c, remove)
	}
	for _, f := range []string{"remote-port", "remote-key", "to"} {
		if c.IsSet(f) {
			return fmt.Errorf("--%s goes with --remote", f)
		}
	}
	f, err := findFolders(c.Bool("system"))
	if err != nil {
		return err
	}
	dry := c.Bool("dry-run")
	w := c.App.Writer
	version := "no tshark found; installed for Wireshark 4.0 to 4.6"
	if f.Version != "" {
		version = "for Wireshark " + f.Version
	}
	if remove {
		var paths []string
		for _, d := range f.Extcap {
			paths = append(paths, filepath.Join(d, extcapName))
		}
		paths = append(paths, filepath.Join(f.Lua, luaDir), filepath.Join(f.Profiles, profile), extcap.HelpDir(c.Bool("system")))
		for _, p := range paths {
			if _, err := os.Lstat(p); err != nil {
				continue
			}
			fmt.Fprintf(w, "removing %s\n", p)
			if !dry {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
			}
		}
		return nil
	}

	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find this binary to copy: %w", err)
	}
	fmt.Fprintf(w, "installing %s\n", version)
	for _, d := range f.Extcap {
		dst := filepath.Join(d, extcapName)
		fmt.Fprintf(w, "  extcap:  %s\n", dst)
		if !dry {
			if err := copyFile(self, dst, 0o755); err != nil {
				return err
			}
		}
	}
	luaDst := filepath.Join(f.Lua, luaDir)
	fmt.Fprintf(w, "  Lua:     %s/\n", luaDst)
	if !dry {
		if err := copyTree(lua.Plugin, luaDst); err != nil {
			return err
		}
	}
	profDst := filepath.Join(f.Profiles, profile)
	fmt.Fprintf(w, "  profile: %s/\n", profDst)
	if !dry {
		sub, _ := fs.Sub(lua.Profile, "profile")
		if err := copyTree(sub, profDst); err != nil {
			return err
		}
	}
	helpDst := extcap.HelpDir(c.Bool("system"))
	fmt.Fprintf(w, "  help:    %s/\n", helpDst)
	if !dry {
		if err := copyTree(docs.Help, helpDst); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "check with: tshark -D   (lists \"strace\"); then: tshark -i strace -o 'extcap.strace.command:ls -l /'")
	fmt.Fprintln(w, "in Wireshark: Edit > Configuration Profiles > strace shows pid, process, syscall, fd path and result columns")
	return nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeFile(dst, in, mode)
}

func writeFile(dst string, r io.Reader, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", filepath.Dir(dst), err)
	}
	// Write beside and rename, so a running Wireshark never sees half a file.
	tmp := dst + ".new"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", dst, err)
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", dst, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}

func copyTree(src fs.FS, dst string) error {
	return fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		in, err := src.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		return writeFile(filepath.Join(dst, filepath.FromSlash(path)), in, 0o644)
	})
}
