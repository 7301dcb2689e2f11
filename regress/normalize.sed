# normalize.sed — make output that varies between runs comparable (sed -E).
# Ports of the nodes: the local cluster and the test cluster differ.
s/(127\.0\.0\.1|localhost):[0-9]{4,5}/\1:xxxxx/g
s/port(=| |: )[0-9]{4,5}/port\1xxxxx/g
# shard ids and the shard-suffixed names of shard tables
s/shard [0-9]+/shard xxxxx/g
s/_[0-9]{6,}\b/_xxxxxxx/g
