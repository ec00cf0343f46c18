// Command etcd runs etcd's own server entry point; envtest starts it as its storage backend.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
