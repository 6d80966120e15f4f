package continuum;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules only use each other's published API, without cycles; writes the module
 * documentation.
 */
class ModularityTests {

	/** Test classes are not part of any module's published shape. */
	static final DescribedPredicate<JavaClass> TEST_CLASSES = DescribedPredicate.describe("test classes",
			c -> c.getSource().map(s -> s.getUri().toString().contains("/test-classes/")).orElse(false));

	static final ApplicationModules MODULES = ApplicationModules.of(ContinuumApplication.class, TEST_CLASSES);

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(MODULES, "target/modulith-docs").writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
