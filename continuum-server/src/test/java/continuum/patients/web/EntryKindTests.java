package continuum.patients.web;

import java.util.List;

import continuum.patients.ClinicalKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EntryKindTests {

	private static final List<EntryKind<?, ?>> KINDS = List.of(EntryKind.ALLERGIES, EntryKind.MEDICATIONS,
			EntryKind.PROBLEMS);

	@Test
	void theRequestMappingsRouteEveryKindAndOnlyThose() {
		assertThat(EntryKind.PATHS.split("\\|"))
			.containsExactlyElementsOf(KINDS.stream().map(EntryKind::path).toList());
		KINDS.forEach(kind -> assertThat(EntryKind.at(kind.path())).isSameAs(kind));
		assertThatIllegalArgumentException().isThrownBy(() -> EntryKind.at("encounters"));
	}

	@Test
	void eachPageKindShowsOneKindOfTheRecord() {
		assertThat(KINDS.stream().map(kind -> (Object) kind.kind()).toList()).containsExactly(ClinicalKind.ALLERGIES,
				ClinicalKind.MEDICATIONS, ClinicalKind.PROBLEMS);
		assertThat(KINDS).allSatisfy(kind -> assertThat(kind.empty().get().version()).isNull());
	}

}
