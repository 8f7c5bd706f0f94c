package piot.drivers.i2c;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class Crc8PropertyTest {
    /** CRC-8/0x31 detects every single-bit error in a 16-bit word, which is what the SHT31 driver relies on. */
    @Property(tries = 500)
    void everySingleBitFlipInAWordChangesItsCrc(@ForAll @IntRange(min = 0, max = 0xFFFF) int word,
                                                @ForAll @IntRange(min = 0, max = 15) int bit) {
        byte[] d = {(byte) (word >> 8), (byte) word};
        int crc = Crc8.sensirion(d, 0, 2);
        int flipped = word ^ (1 << bit);
        assertNotEquals(crc, Crc8.sensirion(new byte[] {(byte) (flipped >> 8), (byte) flipped}, 0, 2));
    }
}
