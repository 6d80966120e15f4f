package continuum.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LikePatternTests {

	@Test
	void escapesTheWildcardsAndTheEscapeCharacter() {
		assertThat(LikePattern.literal("50%_off\\now")).isEqualTo("50\\%\\_off\\\\now");
	}

	@Test
	void leavesOtherCharactersAlone() {
		assertThat(LikePattern.literal("Van de Velde * D'Hondt")).isEqualTo("Van de Velde * D'Hondt");
	}

	@Test
	void containingAndStartingWithAddOnlyTheirOwnWildcards() {
		assertThat(LikePattern.containing("%")).isEqualTo("%\\%%");
		assertThat(LikePattern.startingWith("_")).isEqualTo("\\_%");
	}

}
