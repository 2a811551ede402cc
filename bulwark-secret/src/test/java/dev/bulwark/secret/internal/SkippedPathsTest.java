package dev.bulwark.secret.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SkippedPathsTest {

    /** The skipped dependency paths as regular expressions: the specification the string matching implements. */
    private static final Pattern SPECIFICATION = Pattern.compile(String.join("|",
            "(?:^|/)node_modules/", "(?:^|/)bower_components/", "(?:^|/)(?:site|dist)-packages/",
            "(?:^|/)lib(?:64)?/python[23](?:\\.\\d+)*/", "(?:^|/)go/pkg/mod/", "(?:^|/)\\.cargo/registry/",
            "(?:^|/)\\.m2/repository/", "(?:^|/)\\.gradle/caches/", "(?:^|/)\\.npm/_cacache/",
            "(?:^|/)gems/[^/]+/gems/", "(?:^|/)vendor/(?:bundle|ruby)/",
            "(?:^|/)vendor/(?:github\\.com|golang\\.org|google\\.golang\\.org|gopkg\\.in|k8s\\.io|sigs\\.k8s\\.io)/",
            "^usr/share/(?:doc|man|info|locale|i18n|zoneinfo|perl5?|misc|common-licenses|ca-certificates)/",
            "^usr/lib/(?:jvm|locale|x86_64-linux-gnu/perl|python[23][.\\d]*|ruby)/", "^usr/include/",
            "^var/lib/(?:dpkg|apt|rpm|apk|yum|dnf)/", "^lib/apk/db/", "^var/cache/", "^etc/ssl/certs/",
            "^etc/pki/(?:ca-trust|tls/certs)/", "^(?:proc|sys|dev)/",
            "(?:^|/)(?:package-lock\\.json|npm-shrinkwrap\\.json|yarn\\.lock|pnpm-lock\\.yaml|go\\.sum|Cargo\\.lock"
                    + "|poetry\\.lock|Pipfile\\.lock|composer\\.lock|Gemfile\\.lock|gradle\\.lockfile|deno\\.lock)$"));

    private static final Pattern VERSIONED_LIBRARY = Pattern.compile("\\.so(?:\\.\\d+)+$");

    @Test
    void skipsDependencyTreesPackageDatabasesAndLockFilesButNotApplicationFiles() {
        assertThat(List.of("app/node_modules/lodash/index.js", "usr/lib/python3.11/site-packages/x/y.py",
                "usr/local/lib64/python3.9/os.py", "var/lib/dpkg/status", "usr/share/doc/bash/README",
                "srv/app/package-lock.json", "usr/lib/ruby/gems/3.1.0/gems/rack-2.2/lib/rack.rb", "proc/1/environ",
                "root/go/pkg/mod/github.com/x/y@v1/z.go", "usr/lib/python3/dist-packages/a.py"))
                .allMatch(SkippedPaths::dependencyPath);
        assertThat(List.of("app/config/.env", "etc/app/settings.yaml", "home/user/.aws/credentials",
                "srv/node_modules", "usr/lib/python/x.py", "usr/share/app/config.json", "app/mylock.json",
                "opt/gems/x/notgems/y", "app/lib/python4/x.py", "devices/x"))
                .noneMatch(SkippedPaths::dependencyPath);
    }

    @Test
    void stringMatchingAgreesWithTheRegularExpressionsOnEveryCombinationOfTrickySegments() {
        List<String> segments = List.of("node_modules", "node_modules2", "site-packages", "dist-packages", "lib",
                "lib64", "python3", "python3.11", "python3.", "python3..1", "python2.7.18", "python4", "go", "pkg",
                "mod", ".cargo", "registry", ".m2", "repository", "gems", "rack-2.2", "vendor", "github.com",
                "bundle", "usr", "share", "doc", "perl5", "include", "var", "dpkg", "cache", "etc", "ssl", "certs",
                "pki", "tls", "proc", "dev", "yarn.lock", "go.sum", "x", "", "libssl.so.3", "a.so.1.2", "so.1",
                ".so.1", "x.so.", "x.so.1a", "libc.so.6.so");
        List<String> paths = new ArrayList<>();
        for (String a : segments) {
            paths.add(a);
            for (String b : segments) {
                paths.add(a + "/" + b);
                for (String c : segments) {
                    paths.add(a + "/" + b + "/" + c);
                }
            }
        }
        for (String path : paths) {
            assertThat(SkippedPaths.dependencyPath(path)).as(path).isEqualTo(SPECIFICATION.matcher(path).find());
            assertThat(SkippedPaths.versionedLibrary(path)).as(path)
                    .isEqualTo(VERSIONED_LIBRARY.matcher(path).find());
        }
        assertThat(paths).hasSizeGreaterThan(100_000);
    }
}
