"""Staff sign-in and password forms, with GOV.UK error messages."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovTextInput
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.auth import two_factor
from portal.auth.passwords import MAXIMUM_LENGTH, password_problem
from portal.common.fields import email_field


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


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[InputRequired("Enter a new password")],
        widget=GovPasswordInput(),
    )
    confirm = PasswordField(
        "Confirm new password",
        validators=[InputRequired("Enter your new password again")],
        widget=GovPasswordInput(),
    )

    def __init__(self, *args, account_email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = account_email

    def validate_password(self, field) -> None:
        problem = password_problem(field.data, self.account_email)
        if problem:
            raise ValidationError(problem)

    def validate_confirm(self, field) -> None:
        if self.password.data and field.data != self.password.data:
            raise ValidationError("Enter the same password in both fields")
