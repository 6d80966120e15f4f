package continuum.lab.web;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Code 128 against encodings worked out by hand from the symbol character table of
 * ISO/IEC 15417.
 */
class Code128Tests {

	@Test
	void encodesAnAccessionNumberInCodeSetCWithItsCheckCharacter() {
		Code128 symbol = Code128.encode("1000000001");
		// Start C (105) + 1×10 + 2×0 + 3×0 + 4×0 + 5×1 = 120; 120 mod 103 = 17.
		assertThat(symbol.values()).containsExactly(105, 10, 0, 0, 0, 1, 17, 106);
		assertThat(symbol.elementWidths())
			.isEqualTo("211232" + "221312" + "212222" + "212222" + "212222" + "222122" + "123221" + "2331112");
	}

	@Test
	void encodesTextInCodeSetB() {
		// P=48, J=42, 1=17, 2=18, 3=19, C=35: 104 + 48 + 84 + 126 + 68 + 90 + 114 + 245 =
		// 879; 879 mod 103 = 55.
		assertThat(Code128.encode("PJJ123C").values()).containsExactly(104, 48, 42, 42, 17, 18, 19, 35, 55, 106);
		// Digits of odd length cannot be paired: code set B, 104 + 17 + 2×18 + 3×19 =
		// 214; 214 mod 103 = 8.
		assertThat(Code128.encode("123").values()).containsExactly(104, 17, 18, 19, 8, 106);
	}

	@Test
	void modulesOfStartCAndStopAreTheStandardsBarPatterns() {
		boolean[] modules = Code128.encode("1000000001").modules();
		// 7 symbol characters of 11 modules and the 13-module stop.
		assertThat(modules).hasSize(7 * 11 + 13);
		assertThat(bits(modules).substring(0, 11)).isEqualTo("11010011100");
		assertThat(bits(modules).substring(modules.length - 13)).isEqualTo("1100011101011");
		// "00" (value 0, widths 212222).
		assertThat(bits(modules).substring(22, 33)).isEqualTo("11011001100");
	}

	@Test
	void everySymbolCharacterIsElevenModulesOfThreeBarsAndThreeSpacesAndUnique() {
		Set<String> seen = new HashSet<>();
		for (int value = 0; value < Code128.STOP; value++) {
			String widths = Code128.widths(value);
			assertThat(widths).hasSize(6);
			assertThat(widths.chars().map(c -> c - '0').sum()).as("value %d", value).isEqualTo(11);
			assertThat(seen.add(widths)).as("value %d is unique", value).isTrue();
		}
		assertThat(Code128.widths(Code128.STOP).chars().map(c -> c - '0').sum()).isEqualTo(13);
	}

	@Test
	void readsBackWhatItEncodes() {
		for (String text : List.of("1000000001", "1000012345", "9999999999", "LO100001-1", "123", "Hb 13.2 g/dL")) {
			assertThat(Code128Reader.read(Code128.encode(text).modules())).isEqualTo(text);
		}
	}

	@Test
	void refusesWhatCodeSetBCannotEncode() {
		assertThatThrownBy(() -> Code128.encode("é")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Code128.encode("")).isInstanceOf(IllegalArgumentException.class);
	}

	private static String bits(boolean[] modules) {
		StringBuilder bits = new StringBuilder();
		for (boolean bar : modules) {
			bits.append(bar ? '1' : '0');
		}
		return bits.toString();
	}

}
