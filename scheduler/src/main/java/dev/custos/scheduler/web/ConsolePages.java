package dev.custos.scheduler.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form and the overview, every logged-in user's start page: one card per control. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsolePages {

    private final Overview overview;

    ConsolePages(Overview overview) {
        this.overview = overview;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("cards", overview.cards());
        return "overview";
    }
}
