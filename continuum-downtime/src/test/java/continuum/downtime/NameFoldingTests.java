package continuum.downtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The node folds names as the server's search does, so staff type them the same way. */
class NameFoldingTests {

	@Test
	void accentsLigaturesAndSeparatorsFoldAway() {
		assertThat(NameFolding.fold("Lefèvre")).isEqualTo("lefevre");
		assertThat(NameFolding.fold("Straße Cœur")).isEqualTo("strasse coeur");
		assertThat(NameFolding.squeezed("D'Hondt")).isEqualTo("dhondt");
	}

	@Test
	void searchTextHoldsEachWordAndTheGluedNames() {
		String text = NameFolding.searchText("Van de Velde", "Anaïs Marie", "10000017");
		assertThat(text).contains(" van ", " de ", " velde ", " vandevelde ", " anais ", " marie ", " anaismarie ",
				" 10000017 ");
	}

}
