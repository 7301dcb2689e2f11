# normalize.sed — make output that varies between runs comparable (sed -E).
# Ports of the nodes: the local cluster (57636..) and the test cluster (58636..) differ.
s/(127\.0\.0\.1|localhost):[0-9]{4,5}/\1:xxxxx/g
s/port(=| |: )[0-9]{4,5}/port\1xxxxx/g
s/\b5[78](63[6-9]|73[6-9])\b/xxxxx/g
# shard ids and the shard-suffixed names of shard tables
s/shard [0-9]+/shard xxxxx/g
s/_[0-9]{6,}\b/_xxxxxxx/g
