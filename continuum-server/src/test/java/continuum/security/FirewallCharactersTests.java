package continuum.security;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written firewall checks accept and refuse exactly what Spring Security's
 * regular expressions do: the rule is per character, so every code point is compared on
 * its own and inside text.
 */
class FirewallCharactersTests {

	static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void everyCodePointIsJudgedAsTheRegularExpressionsJudgeIt() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + new String(Character.toChars(codePoint)) + "b";
			assertThat(FirewallCharacters.NAMES.test(text)).as("name U+%04X", codePoint)
				.isEqualTo(NAMES.matcher(text).matches());
			assertThat(FirewallCharacters.HEADER_VALUES.test(text)).as("header value U+%04X", codePoint)
				.isEqualTo(HEADER_VALUES.matcher(text).matches());
		}
	}

	@Test
	void loneSurrogatesAndTabsAreJudgedAsTheRegularExpressionsJudgeThem() {
		for (String text : new String[] { "", "Bearer eyJ.x\ty", "\ud800", "x\udc00", "\ud83d\ude00", "a\u0085",
				"é\u2028", "\t" }) {
			assertThat(FirewallCharacters.NAMES.test(text)).isEqualTo(NAMES.matcher(text).matches());
			assertThat(FirewallCharacters.HEADER_VALUES.test(text)).isEqualTo(HEADER_VALUES.matcher(text).matches());
		}
	}

}
