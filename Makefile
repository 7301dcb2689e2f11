# Makefile — builds jcitus and installs it into PostgreSQL 15: the pljvm runtime
# (extension/), the jcitus extension's SQL (sql/jcitus/), and the jars they load.
#
#   make PG_CONFIG=... JAVA_HOME=...    build everything
#   make install                        install it (as root)
#
# The jars go to <sharedir>/pljvm, pljvm.classpath's default: udfs/ with all its
# runtime dependencies, which include the pljvm runtime's own jar.

PG_CONFIG ?= pg_config
JAVA_HOME ?= /usr/lib/jvm/java-17-openjdk-amd64
MVN ?= mvn -B -q -Dstyle.color=never
JAR_DIR := $(shell $(PG_CONFIG) --sharedir)/pljvm
JARS := udfs/target/jcitus-udfs.jar udfs/target/lib/*.jar
SUBMAKE = PG_CONFIG=$(PG_CONFIG) JAVA_HOME=$(JAVA_HOME)

all:
	$(MVN) -DskipTests package
	$(MAKE) -s -C extension $(SUBMAKE)
	$(MAKE) -s -C sql/jcitus $(SUBMAKE)

# A class-data-sharing archive of the installed jars, made with the very class path the
# runtime builds from the folder (jars in name order), cuts every backend's JVM start-up.
# The run behind it (DriverWarmup) also talks to a stand-in node through pgjdbc, so that
# what pgjdbc makes at run time is in the archive too; it uses the runtime's socket
# implementation (see VMOPTIONS in extension/Makefile).
install: all
	$(MAKE) -s -C extension $(SUBMAKE) install
	$(MAKE) -s -C sql/jcitus $(SUBMAKE) install
	rm -rf '$(DESTDIR)$(JAR_DIR)'
	mkdir -p '$(DESTDIR)$(JAR_DIR)'
	cp $(JARS) '$(DESTDIR)$(JAR_DIR)/'
	cp=$$(LC_ALL=C ls -1 '$(DESTDIR)$(JAR_DIR)'/*.jar | paste -sd:); \
	$(JAVA_HOME)/bin/java -XX:ArchiveClassesAtExit='$(DESTDIR)$(JAR_DIR)/pljvm.jsa' \
	    -XX:+UseSerialGC -Djdk.net.usePlainSocketImpl=true -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$$cp" org.jcitus.connection.DriverWarmup >/dev/null

.PHONY: all install
