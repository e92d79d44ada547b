"""The information pages a child reaches from Your Voice's footer, in words a child can read, each with the exit and
help now like every other Your Voice page."""

from flask import render_template

from portal.young_people import bp


@bp.get("/help-to-use-this-site")
def help_to_use_this_site():
    return render_template("young_people/info/help_to_use_this_site.html", title="Help to use this site")


@bp.get("/what-we-do-with-your-answers")
def your_answers():
    return render_template("young_people/info/your_answers.html", title="What we do with your answers")


@bp.get("/cookies")
def cookies():
    return render_template("young_people/info/cookies.html", title="Cookies")


@bp.get("/talk-to-us")
def talk_to_us():
    return render_template("young_people/info/talk_to_us.html", title="Talk to us")
