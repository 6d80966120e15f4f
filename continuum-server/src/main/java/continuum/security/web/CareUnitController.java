package continuum.security.web;

import continuum.security.CareUnit;
import continuum.security.CareUnitService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ward and department of a staff account, on its page (administrators; the service
 * checks and audits). Apart from {@link StaffController}, whose page it adds to.
 */
@Controller
class CareUnitController {

	private final CareUnitService units;

	CareUnitController(CareUnitService units) {
		this.units = units;
	}

	@PostMapping("/admin/staff/{id:\\d+}/care-unit")
	String set(@PathVariable long id, @RequestParam(required = false) @Nullable String ward,
			@RequestParam(required = false) @Nullable String department) {
		units.set(id, ward, department);
		return "redirect:/admin/staff/" + id + "?done=care-unit";
	}

	/** Gives the staff account's page its care unit. */
	@ControllerAdvice(assignableTypes = StaffController.class)
	static class AccountPage {

		private final CareUnitService units;

		AccountPage(CareUnitService units) {
			this.units = units;
		}

		@ModelAttribute("careUnit")
		@Nullable CareUnit careUnit(@PathVariable(name = "id", required = false) @Nullable String id) {
			return id != null && id.matches("\\d{1,18}") ? units.get(Long.parseLong(id)) : null;
		}

	}

}
