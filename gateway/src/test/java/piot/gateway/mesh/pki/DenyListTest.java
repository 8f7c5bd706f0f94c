package piot.gateway.mesh.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Deny-list entries are node names or certificate serials in the forms tools print them. */
class DenyListTest {
    @Test
    void aSerialIsRecognisedPlainPrefixedUpperCaseOrColonSeparated() {
        for (String written : List.of("4fa209", "0x4fa209", "4FA209", "4f:a2:09", "4F:A2:09", "04:fa:20:09")) {
            assertEquals(written.toLowerCase().startsWith("04:") ? "04fa2009" : "4fa209",
                    DenyList.serialHex(written.trim().toLowerCase()), written);
        }
    }

    @Test
    void aNodeNameIsNotMistakenForASerial() {
        assertEquals("", DenyList.serialHex("barn-1"));
        assertEquals("", DenyList.serialHex("a:b:c:"));
        assertEquals("", DenyList.serialHex("abc:defg"));
        assertTrue(DenyList.serialHex("cafe").equals("cafe"), "a hex-looking name is also tried as a serial, as documented");
    }
}
