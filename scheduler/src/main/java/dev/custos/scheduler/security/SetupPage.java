package dev.custos.scheduler.security;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * {@code /setup}: the form that creates the first ADMIN with the one-time token {@code custos serve}
 * printed, typed into the form (the POST's body); a token in the address is refused. Open to anyone until the first user exists; the token is what proves the person at the
 * form also sees the server's output.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SetupPage {

    private static final String TOKEN = "token";

    private final SetupToken setup;

    SetupPage(SetupToken setup) {
        this.setup = setup;
    }

    @GetMapping("/setup")
    String form(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("open", setup.open());
        if (tokenInAddress(request)) {
            return refused(response, model);
        }
        return "setup";
    }

    /** The token is read from the form's body only: one in the address is refused, whatever it is. */
    @PostMapping("/setup")
    String createFirstAdmin(@RequestParam(required = false) String token, @RequestParam(required = false) String username,
                            @RequestParam(required = false) String password,
                            @RequestParam(required = false) String passwordAgain, HttpServletRequest request,
                            HttpServletResponse response, Model model) {
        model.addAttribute("open", setup.open());
        if (tokenInAddress(request)) {
            return refused(response, model);
        }
        try {
            setup.createFirstAdmin(token, username, chars(password), chars(passwordAgain), request.getRemoteAddr());
        } catch (SetupToken.SetupRefused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("open", setup.open());
            model.addAttribute("refused", refused.getMessage());
            return "setup";
        }
        return "redirect:/login?setup";
    }

    /**
     * An address is kept where a secret must not be (access logs, proxies, the browser's history),
     * so a token there is refused and not even compared.
     */
    private static boolean tokenInAddress(HttpServletRequest request) {
        String query = request.getQueryString();
        return query != null && UriComponentsBuilder.newInstance().query(query).build().getQueryParams().keySet()
                .stream().anyMatch(key -> TOKEN.equals(UriUtils.decode(key, StandardCharsets.UTF_8)));
    }

    private static String refused(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("refused", "The setup token is never put in an address, where logs and proxies keep it: "
                + "type it into the form below. Nothing was done.");
        return "setup";
    }

    private static char[] chars(String text) {
        return text == null ? null : text.toCharArray();
    }
}
