/**
 * Package inventory: OS detection, one analyzer per package database or manifest format (dpkg, apk, rpm, jar, npm,
 * Python, Go, Rust, Ruby, PHP, .NET), attribution of every package to the layer that introduced it, and the
 * CycloneDX and SPDX SBOM formats.
 */
package dev.bulwark.sbom;
