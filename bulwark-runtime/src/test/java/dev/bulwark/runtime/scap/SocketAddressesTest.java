package dev.bulwark.runtime.scap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SocketAddressesTest {

    private static String text(String address) throws UnknownHostException {
        return SocketAddresses.ipToString(InetAddress.getByName(address).getAddress());
    }

    @Test
    void ipv6AddressesAreCompressedAsInetNtopPrintsThem() throws UnknownHostException {
        // inet_ntop(3) / RFC 5952, the text libsinsp puts in fd.name and fd.*ip
        assertThat(text("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(text("2001:db8:0:0:0:0:0:3")).isEqualTo("2001:db8::3");
        assertThat(text("2607:f8b0:4004:802:0:0:0:2004")).isEqualTo("2607:f8b0:4004:802::2004");
        assertThat(text("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(text("fe80:0:0:1:0:0:0:1")).isEqualTo("fe80:0:0:1::1");
        assertThat(text("2001:db8:0:1:1:1:1:1")).as("a single zero group is not compressed")
                .isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    @Test
    void ipv4AddressesArePrintedDotted() throws UnknownHostException {
        assertThat(text("10.0.2.15")).isEqualTo("10.0.2.15");
    }
}
