package dev.custos.scheduler.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /setup}: the form that creates the first ADMIN with the one-time token {@code custos serve}
 * printed. Open to anyone until the first user exists; the token is what proves the person at the
 * form also sees the server's output.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SetupPage {

    private final SetupToken setup;

    SetupPage(SetupToken setup) {
        this.setup = setup;
    }

    @GetMapping("/setup")
    String form(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("open", setup.open());
        model.addAttribute("token", token);
        return "setup";
    }

    @PostMapping("/setup")
    String createFirstAdmin(@RequestParam(required = false) String token, @RequestParam(required = false) String username,
                            @RequestParam(required = false) String password,
                            @RequestParam(required = false) String passwordAgain, HttpServletRequest request,
                            HttpServletResponse response, Model model) {
        try {
            setup.createFirstAdmin(token, username, chars(password), chars(passwordAgain), request.getRemoteAddr());
        } catch (SetupToken.SetupRefused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("open", setup.open());
            model.addAttribute("token", token);
            model.addAttribute("refused", refused.getMessage());
            return "setup";
        }
        return "redirect:/login?setup";
    }

    private static char[] chars(String text) {
        return text == null ? null : text.toCharArray();
    }
}
