"""Staff sign-in and password forms, with GOV.UK error messages."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovTextInput
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.auth import two_factor
from portal.common.fields import email_field
from portal.common.passwords import MAXIMUM_LENGTH, password_problem, verify_password
from portal.data.models import StaffUser


class SignInForm(FlaskForm):
    email = StringField(
        "Email address",
        validators=[InputRequired("Enter your email address"), Length(max=320)],
        widget=GovTextInput(),
        render_kw={"autocomplete": "username", "spellcheck": "false", "type": "email"},
    )
    # Long enough for any password we accept; anything longer is simply wrong, without hashing megabytes.
    password = PasswordField(
        "Password",
        validators=[InputRequired("Enter your password"), Length(max=MAXIMUM_LENGTH, message="Enter your password")],
        widget=GovPasswordInput(),
    )


class SecurityCodeForm(FlaskForm):
    code = StringField(
        "Security code",
        validators=[InputRequired("Enter the security code")],
        widget=GovTextInput(),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"},
    )

    def validate_code(self, field) -> None:
        if not two_factor.is_well_formed(field.data):
            raise ValidationError(f"The security code must be {two_factor.CODE_LENGTH} numbers")


class ResetPasswordForm(FlaskForm):
    email = email_field(required=True)


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    return (
        PasswordField("New password", validators=[InputRequired("Enter a new password")], widget=GovPasswordInput()),
        PasswordField(
            "Confirm new password",
            validators=[InputRequired("Enter your new password again")],
            widget=GovPasswordInput(),
        ),
    )


class _NewPasswordRules:
    """NCSC's rules for a new password, checked for the account it is for (`account`)."""

    def __init__(self, *args, account: StaffUser, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def validate_password(self, field) -> None:
        problem = password_problem(field.data, self.account.email, self.account.name)
        if problem:
            raise ValidationError(problem)

    def validate_confirm(self, field) -> None:
        if self.password.data and field.data != self.password.data:
            raise ValidationError("Enter the same password in both fields")


class NewPasswordForm(_NewPasswordRules, FlaskForm):
    """A new password from an emailed link, typed twice."""

    password, confirm = _new_password_fields()


class ChangePasswordForm(_NewPasswordRules, FlaskForm):
    """A signed-in person's new password, after the one they have now."""

    current_password = PasswordField(
        "Current password",
        validators=[InputRequired("Enter your current password"), Length(max=MAXIMUM_LENGTH)],
        widget=GovPasswordInput(),
    )
    password, confirm = _new_password_fields()

    def validate_current_password(self, field) -> None:
        if not verify_password(self.account.password_hash, field.data):
            raise ValidationError("Your current password is not correct")
