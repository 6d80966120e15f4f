package continuum.security.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import continuum.security.NewStaffMember;
import continuum.security.PasswordRule;
import continuum.security.Role;
import continuum.security.SecondFactorService;
import continuum.security.StaffApprovalService;
import continuum.security.StaffMember;
import continuum.security.StaffService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff accounts for administrators: the list, a new account, and on an account a new
 * password, lifting a lockout, and disabling or enabling it. The service checks every
 * action and audits every change; this page only says in words what went wrong. The pages
 * show account state (enabled, locked, password to be changed), so they need the right to
 * change accounts ({@code u} on Practitioner, administrators), not only to read the staff
 * directory, which every role reads as FHIR Practitioner.
 */
@Controller
@RequestMapping("/admin/staff")
class StaffController {

	private static final int LIST_LIMIT = 500;

	private final StaffService staff;

	private final AccessControl access;

	private final StaffApprovalService approvals;

	private final SecondFactorService secondFactors;

	StaffController(StaffService staff, AccessControl access, StaffApprovalService approvals,
			SecondFactorService secondFactors) {
		this.staff = staff;
		this.access = access;
		this.approvals = approvals;
		this.secondFactors = secondFactors;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String role, Model model) {
		access.require("Practitioner", Interaction.UPDATE, null, null);
		Role filter = parseRole(role);
		String text = name == null || name.isBlank() ? null : name.strip();
		model.addAttribute("members", staff.search(text, filter, LIST_LIMIT, 0));
		model.addAttribute("name", text == null ? "" : text);
		model.addAttribute("role", filter == null ? "" : filter.name());
		model.addAttribute("roles", roles());
		model.addAttribute("mayCreate", access.allows("Practitioner", Interaction.CREATE));
		return "staff/list";
	}

	@GetMapping("/new")
	String form(Model model) {
		access.require("Practitioner", Interaction.CREATE, null, null);
		return newAccount(StaffForm.empty(), Map.of(), model);
	}

	@PostMapping("/new")
	String create(@ModelAttribute StaffForm form, Model model, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (blank(form.username())) {
			errors.put("username", "Enter a username.");
		}
		else if (!NewStaffMember.isUsername(form.username().strip())) {
			errors.put("username",
					"Use 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter (e.g. j.peeters).");
		}
		if (blank(form.givenName())) {
			errors.put("givenName", "Enter the given name.");
		}
		if (blank(form.familyName())) {
			errors.put("familyName", "Enter the family name.");
		}
		Role role = parseRole(form.role());
		if (role == null) {
			errors.put("role", "Choose the role: it decides what the account may see and do.");
		}
		checkPassword(form.password(), form.confirm(), blank(form.username()) ? null : form.username().strip(), errors);
		if (errors.isEmpty()) {
			try {
				NewStaffMember member = new NewStaffMember(form.username().strip(), form.password(), role,
						form.familyName().strip(), form.givenName().strip(),
						blank(form.prefix()) ? null : form.prefix().strip());
				if (role.privileged()) {
					approvals.requestCreate(member, form.requiresChange());
					return StaffApprovalController.REQUESTED;
				}
				StaffMember created = staff.create(member, form.requiresChange());
				return "redirect:/admin/staff/" + created.id() + "?done=created";
			}
			catch (ConflictException ex) {
				errors.put("username", "This username is already taken. Choose another one.");
			}
			catch (InvalidInputException ex) {
				errors.put("form", ex.getMessage());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return newAccount(form.withoutPasswords(), errors, model);
	}

	@GetMapping("/{id}")
	String account(@PathVariable long id, @RequestParam(required = false) @Nullable String done, Model model) {
		access.require("Practitioner", Interaction.UPDATE, Long.toString(id), null);
		return account(id, done, Map.of(), model);
	}

	@PostMapping("/{id}/password")
	String password(@PathVariable long id, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirm,
			@RequestParam(defaultValue = "false") boolean changeRequired, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		StaffMember member = staff.get(id);
		checkPassword(password, confirm, member.username(), errors);
		if (errors.isEmpty() && member.role().privileged()) {
			approvals.requestPasswordReset(id, password, changeRequired);
			return StaffApprovalController.REQUESTED;
		}
		if (errors.isEmpty()) {
			HttpSession session = request.getSession(false);
			staff.resetPassword(id, password, changeRequired, session == null ? null : session.getId());
			return "redirect:/admin/staff/" + id + "?done=password";
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return account(id, null, errors, model);
	}

	@PostMapping("/{id}/unlock")
	String unlock(@PathVariable long id) {
		staff.unlock(id);
		return "redirect:/admin/staff/" + id + "?done=unlocked";
	}

	@PostMapping("/{id}/enabled")
	String enabled(@PathVariable long id, @RequestParam boolean enabled, Model model, HttpServletResponse response) {
		try {
			StaffMember member = staff.get(id);
			if (enabled && !member.enabled() && member.role().privileged()) {
				approvals.requestEnable(id);
				return StaffApprovalController.REQUESTED;
			}
			staff.setEnabled(id, enabled);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return account(id, null, Map.of("enabled", ex.getMessage() + "."), model);
		}
		return "redirect:/admin/staff/" + id + "?done=" + (enabled ? "enabled" : "disabled");
	}

	/**
	 * Removes the account's second factor (a lost phone): at once for most roles, on a
	 * second administrator's approval for a privileged one.
	 */
	@PostMapping("/{id}/second-factor")
	String resetSecondFactor(@PathVariable long id) {
		if (staff.get(id).role().privileged()) {
			approvals.requestSecondFactorReset(id);
			return StaffApprovalController.REQUESTED;
		}
		secondFactors.reset(id);
		return "redirect:/admin/staff/" + id + "?done=second-factor";
	}

	private String newAccount(StaffForm form, Map<String, String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("roles", roles());
		model.addAttribute("minimumPassword", NewStaffMember.MINIMUM_PASSWORD);
		return "staff/new";
	}

	private String account(long id, @Nullable String done, Map<String, String> errors, Model model) {
		StaffMember member = staff.get(id);
		model.addAttribute("member", member);
		model.addAttribute("roleLabel", label(member.role()));
		model.addAttribute("locked", staff.isLocked(id));
		model.addAttribute("changeRequired", staff.passwordChangeRequired(member.username()));
		model.addAttribute("secondFactor", secondFactors.enrolled(id));
		model.addAttribute("privileged", member.role().privileged());
		model.addAttribute("done", done == null ? null : doneMessage(done));
		model.addAttribute("errors", errors);
		model.addAttribute("mayUpdate", access.allows("Practitioner", Interaction.UPDATE));
		model.addAttribute("minimumPassword", NewStaffMember.MINIMUM_PASSWORD);
		return "staff/account";
	}

	/** The password's problems, if any, for the account of {@code username}. */
	static void checkPassword(@Nullable String password, @Nullable String confirm, @Nullable String username,
			Map<String, String> errors) {
		String problem = PasswordRule.problem(password, username);
		if (problem != null) {
			errors.put("password", problem);
		}
		else if (!password.equals(confirm)) {
			errors.put("confirm", "The two passwords differ. Type the same password twice.");
		}
	}

	private static @Nullable String doneMessage(String done) {
		return switch (done) {
			case "created" -> "The account was created. Give its user the password in person.";
			case "password" ->
				"The password was changed and any lockout lifted; the account's sessions and API tokens " + "ended.";
			case "unlocked" -> "The lockout was lifted: the account can sign in again.";
			case "disabled" -> "The account was disabled and its sessions ended.";
			case "enabled" -> "The account was enabled again.";
			case "care-unit" -> "The ward and department were saved.";
			case "second-factor" -> "The second factor was removed: the user sets up a new one, or signs in with "
					+ "the password alone where none is required.";
			default -> null;
		};
	}

	private static List<Map.Entry<String, String>> roles() {
		return Arrays.stream(Role.values()).map(role -> Map.entry(role.name(), label(role))).toList();
	}

	/** "Lab technologist" for LAB_TECHNOLOGIST; the system role names interfaces. */
	static String label(Role role) {
		if (role == Role.SYSTEM) {
			return "System client (interface, downtime node)";
		}
		if (role == Role.IT_OPERATIONS) {
			return "IT operations";
		}
		if (role == Role.LAB_SPECIALIST) {
			return "Clinical biologist (lab specialist)";
		}
		String words = role.name().replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static @Nullable Role parseRole(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Role.valueOf(text.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
