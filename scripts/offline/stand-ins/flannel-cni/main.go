// A stand-in for flannel's CNI plugin (github.com/flannel-io/cni-plugin), whose Go module the proxy
// here does not serve. It does what the upstream plugin does for the default case: read the subnet
// flanneld leased (/run/flannel/subnet.env), and hand the pod to the bridge plugin with host-local
// IPAM in that subnet, merged with the "delegate" settings of the network config. The delegate
// config is kept per container so that DEL undoes exactly what ADD did.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/containernetworking/cni/pkg/invoke"
	"github.com/containernetworking/cni/pkg/skel"
	"github.com/containernetworking/cni/pkg/types"
	"github.com/containernetworking/cni/pkg/version"
)

const (
	subnetFile = "/run/flannel/subnet.env"
	stateDir   = "/var/lib/cni/flannel"
)

type netConf struct {
	types.NetConf
	Delegate map[string]interface{} `json:"delegate"`
}

func readSubnetEnv() (map[string]string, error) {
	f, err := os.Open(subnetFile)
	if err != nil {
		return nil, fmt.Errorf("flannel has not leased a subnet yet: %w", err)
	}
	defer f.Close()
	env := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		if k, v, ok := strings.Cut(strings.TrimSpace(s.Text()), "="); ok {
			env[k] = v
		}
	}
	for _, k := range []string{"FLANNEL_NETWORK", "FLANNEL_SUBNET", "FLANNEL_MTU", "FLANNEL_IPMASQ"} {
		if env[k] == "" {
			return nil, fmt.Errorf("%s has no %s", subnetFile, k)
		}
	}
	return env, nil
}

func delegateConf(n *netConf) ([]byte, error) {
	env, err := readSubnetEnv()
	if err != nil {
		return nil, err
	}
	var mtu int
	fmt.Sscanf(env["FLANNEL_MTU"], "%d", &mtu)
	d := map[string]interface{}{}
	for k, v := range n.Delegate {
		d[k] = v
	}
	d["name"] = n.Name
	d["cniVersion"] = n.CNIVersion
	if _, ok := d["type"]; !ok {
		d["type"] = "bridge"
	}
	if _, ok := d["ipMasq"]; !ok {
		// flanneld masquerades itself when FLANNEL_IPMASQ is true; the bridge must not do it twice.
		d["ipMasq"] = env["FLANNEL_IPMASQ"] != "true"
	}
	if _, ok := d["mtu"]; !ok {
		d["mtu"] = mtu
	}
	if d["type"] == "bridge" {
		d["isGateway"] = true
	}
	// FLANNEL_SUBNET is the node's gateway address with the subnet's length (10.244.1.1/24); host-local
	// wants the network itself (10.244.1.0/24), as upstream passes it (net.ParseCIDR's network).
	_, subnet, err := net.ParseCIDR(env["FLANNEL_SUBNET"])
	if err != nil {
		return nil, fmt.Errorf("%s: FLANNEL_SUBNET: %w", subnetFile, err)
	}
	d["ipam"] = map[string]interface{}{
		"type":   "host-local",
		"ranges": [][]map[string]string{{{"subnet": subnet.String()}}},
		"routes": []map[string]string{{"dst": env["FLANNEL_NETWORK"]}},
	}
	return json.Marshal(d)
}

func parse(args *skel.CmdArgs) (*netConf, error) {
	n := &netConf{}
	if err := json.Unmarshal(args.StdinData, n); err != nil {
		return nil, fmt.Errorf("parsing the network config: %w", err)
	}
	return n, nil
}

func cmdAdd(args *skel.CmdArgs) error {
	n, err := parse(args)
	if err != nil {
		return err
	}
	conf, err := delegateConf(n)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(stateDir, args.ContainerID), conf, 0o600); err != nil {
		return err
	}
	var d struct {
		Type string `json:"type"`
	}
	json.Unmarshal(conf, &d)
	result, err := invoke.DelegateAdd(context.TODO(), d.Type, conf, nil)
	if err != nil {
		return err
	}
	return types.PrintResult(result, n.CNIVersion)
}

func cmdDel(args *skel.CmdArgs) error {
	file := filepath.Join(stateDir, args.ContainerID)
	conf, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil // never added, or already deleted
	}
	if err != nil {
		return err
	}
	var d struct {
		Type string `json:"type"`
	}
	json.Unmarshal(conf, &d)
	if err := invoke.DelegateDel(context.TODO(), d.Type, conf, nil); err != nil {
		return err
	}
	return os.Remove(file)
}

func cmdCheck(args *skel.CmdArgs) error {
	conf, err := os.ReadFile(filepath.Join(stateDir, args.ContainerID))
	if err != nil {
		return err
	}
	var d struct {
		Type string `json:"type"`
	}
	json.Unmarshal(conf, &d)
	return invoke.DelegateCheck(context.TODO(), d.Type, conf, nil)
}

func main() {
	skel.PluginMainFuncs(skel.CNIFuncs{Add: cmdAdd, Del: cmdDel, Check: cmdCheck}, version.All, "flannel CNI plugin (kube-anywhere stand-in)")
}
