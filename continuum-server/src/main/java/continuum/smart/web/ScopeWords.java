package continuum.smart.web;

/** What a granted scope allows, in the words of the consent page. */
final class ScopeWords {

	private ScopeWords() {
	}

	static String of(String scope) {
		switch (scope) {
			case "launch":
				return "Open with the patient of the chart it was launched from";
			case "launch/patient":
				return "Know which patient you picked";
			case "offline_access":
				return "Keep access after you sign out, until you or an administrator revoke it";
			case "online_access":
				return "Keep access while you stay signed in";
			default:
				break;
		}
		int slash = scope.indexOf('/');
		int dot = scope.lastIndexOf('.');
		if (slash < 0 || dot < slash) {
			return scope;
		}
		String type = scope.substring(slash + 1, dot);
		String letters = scope.substring(dot + 1);
		StringBuilder what = new StringBuilder();
		append(what, letters, 'c', "create");
		append(what, letters, 'r', "read");
		append(what, letters, 'u', "update");
		append(what, letters, 'd', "delete");
		append(what, letters, 's', "search");
		String records = "*".equals(type) ? "every kind of record" : type + " records";
		String whose = scope.startsWith("patient/") ? " of this patient only" : " you may see";
		return Character.toUpperCase(what.charAt(0)) + what.substring(1) + " " + records + whose;
	}

	private static void append(StringBuilder what, String letters, char letter, String verb) {
		if (letters.indexOf(letter) >= 0) {
			what.append(what.isEmpty() ? "" : ", ").append(verb);
		}
	}

}
