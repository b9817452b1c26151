package dev.custos.scheduler.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: who is logged in (header, navigation, buttons). */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleModel {

    @ModelAttribute("viewer")
    Viewer viewer(Authentication user) {
        return user == null ? null : Viewer.of(user);
    }
}
