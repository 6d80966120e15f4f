package continuum.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "web/home";
	}

	@GetMapping("/login")
	String login() {
		return "web/login";
	}

}
